import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Route, Routes } from "react-router";
import { GrantImportPage } from "../features/grant-import/components/grant-import-page.tsx";
import { ProgrammesDashboard } from "../features/programmes/components/programmes-dashboard.tsx";
import { PortfolioPage } from "../features/reconciliation/components/portfolio-page.tsx";
import { ProgrammeReconciliationPage } from "../features/reconciliation/components/programme-reconciliation-page.tsx";
import { AcceptInvitation } from "../features/session/components/accept-invitation.tsx";
import { SessionGate, useSession } from "../features/session/components/session-gate.tsx";
import { TwoFactorSetup } from "../features/session/components/two-factor-setup.tsx";
import { SpendImportPage } from "../features/spend-import/components/spend-import-page.tsx";
import { UsersPage } from "../features/users/components/users-page.tsx";
import { Layout } from "./layout.tsx";

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1 } },
});

function SignedInPages() {
  const session = useSession();
  return (
    <Routes>
      {session.permissions.includes("users.manage") && <Route path="/users" element={<UsersPage />} />}
      {session.permissions.includes("money.write") && <Route path="/imports" element={<SpendImportPage />} />}
      {session.permissions.includes("money.write") && <Route path="/grant-imports" element={<GrantImportPage />} />}
      <Route path="/reconciliation" element={<PortfolioPage />} />
      <Route path="/programmes/:id" element={<ProgrammeReconciliationPage />} />
      <Route
        path="/account"
        element={
          session.totpEnabled ? <p>Two-factor sign-in is on for your account.</p> : <TwoFactorSetup required={false} />
        }
      />
      <Route path="*" element={<ProgrammesDashboard />} />
    </Routes>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Layout>
          <Routes>
            <Route path="/accept-invitation" element={<AcceptInvitation />} />
            <Route
              path="*"
              element={
                <SessionGate>
                  <SignedInPages />
                </SessionGate>
              }
            />
          </Routes>
        </Layout>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
