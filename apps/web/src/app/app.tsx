import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Route, Routes, useLocation } from "react-router";
import { ErrorBoundary } from "../components/page/error-boundary.tsx";
import { Loading } from "../components/page/page-states.tsx";
import { SessionGate } from "../features/session/components/session-gate.tsx";
import { Layout } from "./layout.tsx";

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1 } },
});

// The signed-in pages' routes load after sign-in: the sign-in page carries none of them.
const AcceptInvitation = lazy(async () => ({
  default: (await import("../features/session/components/accept-invitation.tsx")).AcceptInvitation,
}));
const UnsubscribePage = lazy(async () => ({
  default: (await import("../features/digests/components/unsubscribe-page.tsx")).UnsubscribePage,
}));
const SignedInPages = lazy(async () => ({ default: (await import("./signed-in-routes.tsx")).SignedInPages }));

/** Catches a page that throws; moving to another address tries again. */
function PageBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Layout>
          <PageBoundary>
            <Routes>
              <Route path="/accept-invitation" element={<AcceptInvitation />} />
              <Route path="/unsubscribe" element={<UnsubscribePage />} />
              <Route
                path="*"
                element={
                  <SessionGate>
                    <SignedInPages />
                  </SessionGate>
                }
              />
            </Routes>
          </PageBoundary>
        </Layout>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
