import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

/**
 * When the page was printed (or opened): the time the paper says its figures were true. Set as
 * the print dialog opens (the button or Ctrl+P), rendered before the browser copies the page,
 * with every folded section (`<details>`, a milestone's history) opened so the paper carries it.
 */
export function usePrintTime(): Date {
  const [printedAt, setPrintedAt] = useState(() => new Date());
  useEffect(() => {
    const stamp = () => {
      flushSync(() => setPrintedAt(new Date()));
      for (const details of document.querySelectorAll("details")) details.open = true;
    };
    window.addEventListener("beforeprint", stamp);
    return () => window.removeEventListener("beforeprint", stamp);
  }, []);
  return printedAt;
}
