import { type ReactNode, useEffect, useRef } from "react";
import { claimPageFocus } from "./focus.ts";

/** The page's one h1, which takes focus after a navigation and names the page in the title bar. */
export function PageHeading({ children, title, id }: { children: ReactNode; title?: string; id?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === "string" ? children : undefined);
  useEffect(() => {
    if (text) document.title = `${text} – Fundline`;
    if (claimPageFocus()) heading.current?.focus();
  }, [text]);
  return (
    <h1 id={id} tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}
