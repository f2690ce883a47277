/**
 * In-app links: real anchors (keyboard, middle-click and "copy link" work) that navigate
 * without reloading the page.
 */
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { href, navigate } from '../router';

/** A link to an app path such as `/task/42`. */
export function Link({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={href(to)} onClick={onClick} />;
}
