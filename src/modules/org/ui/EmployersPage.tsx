export default function EmployersPage() {
  return null;
}
