// A link that looks like a button: one tab stop, a real <a href> (opens in a new tab with the middle button),
// client-side navigation on a plain click.
import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router';

export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
