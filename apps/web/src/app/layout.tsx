import { type ReactNode, useLayoutEffect, useRef } from "react";
import { useLocation } from "react-router";
import { requestPageFocus } from "../components/page/focus.ts";
import { MainNavigation, SignedInAs } from "../features/session/components/session-gate.tsx";

export function Layout({ children }: { children: ReactNode }) {
  useFocusAfterNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="brand-line">
          <span className="brand">Fundline</span>
          <span className="tagline">Programmes and the money behind them</span>
        </div>
        <MainNavigation />
        <SignedInAs />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** After a move to another page (not the first load, not a jump within a page), its heading takes focus. */
function useFocusAfterNavigation() {
  const location = useLocation();
  const first = useRef(true);
  // A layout effect: set before the new page's own effects run, so its heading sees the request.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestPageFocus();
  }, [location.pathname]);
}
