import type { ReactNode } from "react";
import { MainNavigation, SignedInAs } from "../features/session/components/session-gate.tsx";

export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <span className="brand">Fundline</span>
        <span className="tagline">Programmes and the money behind them</span>
        <MainNavigation />
        <SignedInAs />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
