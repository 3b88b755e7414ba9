import { useEffect } from "react";
import { useLocation } from "react-router";

/**
 * A link from elsewhere to one part of a page (`#money`, `#line-…`, `#payment-…`): shows it once
 * it is drawn. Sections load their own data, so the target may appear a moment after the page;
 * it is watched for, for a few seconds, then left.
 */
export function useScrollToHash() {
  const { hash, key } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new visit to the same address (key) scrolls again
  useEffect(() => {
    if (!hash) return;
    const id = decodeURIComponent(hash.slice(1));
    const show = () => {
      const target = document.getElementById(id);
      target?.scrollIntoView();
      return Boolean(target);
    };
    if (show()) return;
    const watcher = new MutationObserver(() => {
      if (show()) watcher.disconnect();
    });
    watcher.observe(document.body, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => watcher.disconnect(), 5_000);
    return () => {
      watcher.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [hash, key]);
}
