import type { Permission } from "@fundline/domain";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Route, Routes, useLocation } from "react-router";
import { ErrorBoundary } from "../components/page/error-boundary.tsx";
import { Loading, NotAllowed, NotFound } from "../components/page/page-states.tsx";
import { SessionGate, useSession } from "../features/session/components/session-gate.tsx";
import { Layout } from "./layout.tsx";

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1 } },
});

// Each page is its own chunk, loaded when first opened: the sign-in page carries no charts.
const page = <Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) =>
  lazy(async () => ({ default: (await load())[name] }));

const HomePage = page(() => import("../features/home/components/home-page.tsx"), "HomePage");
const DashboardPage = page(() => import("../features/dashboard/components/dashboard-page.tsx"), "DashboardPage");
const ProgrammePage = page(() => import("../features/programmes/components/programme-page.tsx"), "ProgrammePage");
const PortfolioPage = page(() => import("../features/reconciliation/components/portfolio-page.tsx"), "PortfolioPage");
const UsersPage = page(() => import("../features/users/components/users-page.tsx"), "UsersPage");
const SpendImportPage = page(
  () => import("../features/spend-import/components/spend-import-page.tsx"),
  "SpendImportPage",
);
const GrantImportPage = page(
  () => import("../features/grant-import/components/grant-import-page.tsx"),
  "GrantImportPage",
);
const AcceptInvitation = page(() => import("../features/session/components/accept-invitation.tsx"), "AcceptInvitation");
const AccountPage = page(() => import("../features/session/components/account-page.tsx"), "AccountPage");
const milestoneForms = () => import("../features/milestones/components/milestone-forms.tsx");
const AddMilestonePage = page(milestoneForms, "AddMilestonePage");
const CompleteMilestonePage = page(milestoneForms, "CompleteMilestonePage");
const RescheduleMilestonePage = page(milestoneForms, "RescheduleMilestonePage");
const deliverableForms = () => import("../features/deliverables/components/deliverable-forms.tsx");
const AddDeliverablePage = page(deliverableForms, "AddDeliverablePage");
const RecordDeliverableProgressPage = page(deliverableForms, "RecordDeliverableProgressPage");
const benefitForms = () => import("../features/benefits/components/benefit-forms.tsx");
const AddBenefitPage = page(benefitForms, "AddBenefitPage");
const AddBenefitReadingPage = page(benefitForms, "AddBenefitReadingPage");
const riskForms = () => import("../features/risks/components/risk-forms.tsx");
const AddRiskPage = page(riskForms, "AddRiskPage");
const UpdateRiskPage = page(riskForms, "UpdateRiskPage");

/** A page only some roles may open: anyone else is told so, at the address they asked for. */
function Allowed({ permission, what, children }: { permission: Permission; what: string; children: ReactNode }) {
  const session = useSession();
  return session.permissions.includes(permission) ? children : <NotAllowed what={what} />;
}

const onlyFor = (permission: Permission, what: string) => (Page: LazyExoticComponent<ComponentType>) => (
  <Allowed permission={permission} what={what}>
    <Page />
  </Allowed>
);
const delivery = onlyFor("delivery.write", "changing milestones, deliverables, benefits and risks");
const users = onlyFor("users.manage", "managing users");
const money = onlyFor("money.write", "importing spend and grants");

function SignedInPages() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/dashboard" element={<DashboardPage />} />
      <Route path="/programmes/:id" element={<ProgrammePage />} />
      <Route path="/programmes/:id/milestones/new" element={delivery(AddMilestonePage)} />
      <Route path="/programmes/:id/milestones/:milestoneId/complete" element={delivery(CompleteMilestonePage)} />
      <Route path="/programmes/:id/milestones/:milestoneId/reschedule" element={delivery(RescheduleMilestonePage)} />
      <Route path="/programmes/:id/deliverables/new" element={delivery(AddDeliverablePage)} />
      <Route
        path="/programmes/:id/deliverables/:deliverableId/progress"
        element={delivery(RecordDeliverableProgressPage)}
      />
      <Route path="/programmes/:id/benefits/new" element={delivery(AddBenefitPage)} />
      <Route path="/programmes/:id/benefits/:benefitId/readings/new" element={delivery(AddBenefitReadingPage)} />
      <Route path="/programmes/:id/risks/new" element={delivery(AddRiskPage)} />
      <Route path="/programmes/:id/risks/:riskId/edit" element={delivery(UpdateRiskPage)} />
      <Route path="/reconciliation" element={<PortfolioPage />} />
      <Route path="/users" element={users(UsersPage)} />
      <Route path="/imports" element={money(SpendImportPage)} />
      <Route path="/grant-imports" element={money(GrantImportPage)} />
      <Route path="/account" element={<AccountPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

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
