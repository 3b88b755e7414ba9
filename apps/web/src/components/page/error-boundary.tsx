import { Component, type ErrorInfo, type ReactNode } from "react";

/**
 * A component that throws shows this instead of a blank page; the rest of the app (header,
 * navigation) keeps working, and moving to another page tries again.
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean; resetKey: string }
> {
  override state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("A screen failed", error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert">
        <h1>Something went wrong on this page</h1>
        <p>Fundline could not show this page. Nothing you saved has been lost.</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>{" "}
          or <a href="/">go to your home page</a>.
        </p>
      </div>
    );
  }
}
