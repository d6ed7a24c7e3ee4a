import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';

/** A button that is a link to another page of the app: opens in a new tab when asked, else moves without a reload. */
export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        void navigate(to);
      }}
    />
  );
}
