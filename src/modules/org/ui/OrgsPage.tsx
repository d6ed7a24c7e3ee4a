export default function OrgsPage() {
  return null;
}
