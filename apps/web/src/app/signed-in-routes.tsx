import type { Permission } from "@fundline/domain";
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router";
import { NotAllowed, NotFound } from "../components/page/page-states.tsx";
import { useSession } from "../features/session/components/session-gate.tsx";

// Each page is its own chunk, loaded when first opened: the sign-in page carries no charts.
const page = <Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) =>
  lazy(async () => ({ default: (await load())[name] }));

const PeriodsPage = page(() => import("../features/periods/components/periods-page.tsx"), "PeriodsPage");
const ClaimPackPage = page(() => import("../features/claims/components/claim-pack-page.tsx"), "ClaimPackPage");
const ApprovalsPage = page(() => import("../features/change-requests/components/approvals-page.tsx"), "ApprovalsPage");
const HomePage = page(() => import("../features/home/components/home-page.tsx"), "HomePage");
const DashboardPage = page(() => import("../features/dashboard/components/dashboard-page.tsx"), "DashboardPage");
const ProgrammePage = page(() => import("../features/programmes/components/programme-page.tsx"), "ProgrammePage");
const PortfolioPage = page(() => import("../features/reconciliation/components/portfolio-page.tsx"), "PortfolioPage");
const councilSignInPages = () => import("../features/single-sign-on/components/council-sign-in-page.tsx");
const CouncilSignInPage = page(councilSignInPages, "CouncilSignInPage");
const CouncilIdentityProviderPage = page(councilSignInPages, "CouncilIdentityProviderPage");
const UsersPage = page(() => import("../features/users/components/users-page.tsx"), "UsersPage");
const SpendImportPage = page(
  () => import("../features/spend-import/components/spend-import-page.tsx"),
  "SpendImportPage",
);
const GrantImportPage = page(
  () => import("../features/grant-import/components/grant-import-page.tsx"),
  "GrantImportPage",
);
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
const CommitmentsPage = page(
  () => import("../features/commitments/components/commitments-page.tsx"),
  "CommitmentsPage",
);
const CommitmentPage = page(() => import("../features/commitments/components/commitment-page.tsx"), "CommitmentPage");
const commitmentForms = () => import("../features/commitments/components/commitment-forms.tsx");
const AddCommitmentPage = page(commitmentForms, "AddCommitmentPage");
const EditCommitmentPage = page(commitmentForms, "EditCommitmentPage");
const RetireCommitmentPage = page(commitmentForms, "RetireCommitmentPage");
const AssignCommitmentPage = page(commitmentForms, "AssignCommitmentPage");
const receiptForms = () => import("../features/receipts/components/receipt-forms.tsx");
const AddReceiptPage = page(receiptForms, "AddReceiptPage");
const EditReceiptPage = page(receiptForms, "EditReceiptPage");
const RetireReceiptPage = page(receiptForms, "RetireReceiptPage");
const ReceiptsPage = page(() => import("../features/receipts/components/receipts-page.tsx"), "ReceiptsPage");
const allocationForms = () => import("../features/allocations/components/allocation-forms.tsx");
const AddAllocationPage = page(allocationForms, "AddAllocationPage");
const EditAllocationPage = page(allocationForms, "EditAllocationPage");
const RetireAllocationPage = page(allocationForms, "RetireAllocationPage");
const AllocationsPage = page(
  () => import("../features/allocations/components/allocations-page.tsx"),
  "AllocationsPage",
);
const costLineForms = () => import("../features/cost-lines/components/cost-line-forms.tsx");
const AddCostLinePage = page(costLineForms, "AddCostLinePage");
const EditCostLinePage = page(costLineForms, "EditCostLinePage");
const RetireCostLinePage = page(costLineForms, "RetireCostLinePage");
const costSharingForms = () => import("../features/cost-sharing/components/cost-sharing-forms.tsx");
const AddCostSharingPage = page(costSharingForms, "AddCostSharingPage");
const EditCostSharingPage = page(costSharingForms, "EditCostSharingPage");
const RetireCostSharingPage = page(costSharingForms, "RetireCostSharingPage");
const spendForms = () => import("../features/spend/components/spend-forms.tsx");
const AddPaymentPage = page(spendForms, "AddPaymentPage");
const EditPaymentPage = page(spendForms, "EditPaymentPage");
const RetirePaymentPage = page(spendForms, "RetirePaymentPage");
const SpendPage = page(() => import("../features/spend/components/spend-lists.tsx"), "SpendPage");
const programmeForms = () => import("../features/programmes/components/programme-forms.tsx");
const AddProgrammePage = page(programmeForms, "AddProgrammePage");
const EditProgrammePage = page(programmeForms, "EditProgrammePage");
const RetireProgrammePage = page(programmeForms, "RetireProgrammePage");
const partnerForms = () => import("../features/partners/components/partner-forms.tsx");
const AddPartnerPage = page(partnerForms, "AddPartnerPage");
const EditPartnerPage = page(partnerForms, "EditPartnerPage");
const workstreamForms = () => import("../features/workstreams/components/workstream-forms.tsx");
const AddWorkstreamPage = page(workstreamForms, "AddWorkstreamPage");
const EditWorkstreamPage = page(workstreamForms, "EditWorkstreamPage");
const RetireWorkstreamPage = page(workstreamForms, "RetireWorkstreamPage");
const decisionForms = () => import("../features/decisions/components/decision-forms.tsx");
const AddDecisionPage = page(decisionForms, "AddDecisionPage");
const EditDecisionPage = page(decisionForms, "EditDecisionPage");
const RetireDecisionPage = page(decisionForms, "RetireDecisionPage");
const OrganisationsPage = page(
  () => import("../features/organisations/components/organisations-page.tsx"),
  "OrganisationsPage",
);
const referenceForms = () => import("../features/organisations/components/reference-forms.tsx");
const AddOrganisationPage = page(referenceForms, "AddOrganisationPage");
const EditOrganisationPage = page(referenceForms, "EditOrganisationPage");
const RetireOrganisationPage = page(referenceForms, "RetireOrganisationPage");
const AddFundPage = page(referenceForms, "AddFundPage");
const EditFundPage = page(referenceForms, "EditFundPage");
const RetireFundPage = page(referenceForms, "RetireFundPage");
const ExportsPage = page(() => import("../features/exports/components/exports-page.tsx"), "ExportsPage");
const EditUserPage = page(() => import("../features/users/components/user-form.tsx"), "EditUserPage");
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
const setUp = onlyFor("programme.write", "setting programmes up");
const reference = onlyFor("reference.write", "managing organisations and funds");
const users = onlyFor("users.manage", "managing users");
const money = onlyFor("money.write", "recording and importing money");

export function SignedInPages() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/dashboard" element={<DashboardPage />} />
      <Route path="/programmes/new" element={setUp(AddProgrammePage)} />
      <Route path="/programmes/:id" element={<ProgrammePage />} />
      <Route path="/programmes/:id/edit" element={setUp(EditProgrammePage)} />
      <Route path="/programmes/:id/retire" element={setUp(RetireProgrammePage)} />
      <Route path="/programmes/:id/partners/new" element={setUp(AddPartnerPage)} />
      <Route path="/programmes/:id/partners/:partnerId/edit" element={setUp(EditPartnerPage)} />
      <Route path="/programmes/:id/workstreams/new" element={setUp(AddWorkstreamPage)} />
      <Route path="/programmes/:id/workstreams/:workstreamId/edit" element={setUp(EditWorkstreamPage)} />
      <Route path="/programmes/:id/workstreams/:workstreamId/retire" element={setUp(RetireWorkstreamPage)} />
      <Route path="/programmes/:id/decisions/new" element={money(AddDecisionPage)} />
      <Route path="/programmes/:id/decisions/:decisionId/edit" element={money(EditDecisionPage)} />
      <Route path="/programmes/:id/decisions/:decisionId/retire" element={money(RetireDecisionPage)} />
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
      <Route path="/programmes/:id/commitments/new" element={money(AddCommitmentPage)} />
      <Route path="/programmes/:id/allocations/new" element={money(AddAllocationPage)} />
      <Route path="/programmes/:id/allocations/:allocationId/edit" element={money(EditAllocationPage)} />
      <Route path="/programmes/:id/allocations/:allocationId/retire" element={money(RetireAllocationPage)} />
      <Route path="/programmes/:id/cost-lines/new" element={money(AddCostLinePage)} />
      <Route path="/programmes/:id/cost-lines/:lineId/edit" element={money(EditCostLinePage)} />
      <Route path="/programmes/:id/cost-lines/:lineId/retire" element={money(RetireCostLinePage)} />
      <Route path="/programmes/:id/cost-sharing/new" element={money(AddCostSharingPage)} />
      <Route path="/programmes/:id/cost-sharing/:agreementId/edit" element={money(EditCostSharingPage)} />
      <Route path="/programmes/:id/cost-sharing/:agreementId/retire" element={money(RetireCostSharingPage)} />
      <Route path="/programmes/:id/spend/new" element={money(AddPaymentPage)} />
      <Route path="/programmes/:id/spend/:spendId/edit" element={money(EditPaymentPage)} />
      <Route path="/programmes/:id/spend/:spendId/retire" element={money(RetirePaymentPage)} />
      <Route path="/commitments/:commitmentId" element={<CommitmentPage />} />
      <Route path="/commitments/:commitmentId/claim-pack" element={<ClaimPackPage />} />
      <Route path="/commitments/:commitmentId/edit" element={money(EditCommitmentPage)} />
      <Route path="/commitments/:commitmentId/retire" element={money(RetireCommitmentPage)} />
      <Route path="/commitments/:commitmentId/assign" element={money(AssignCommitmentPage)} />
      <Route path="/commitments/:commitmentId/receipts/new" element={money(AddReceiptPage)} />
      <Route path="/commitments/:commitmentId/receipts/:receiptId/edit" element={money(EditReceiptPage)} />
      <Route path="/commitments/:commitmentId/receipts/:receiptId/retire" element={money(RetireReceiptPage)} />
      <Route path="/money" element={<Navigate to="/money/commitments" replace />} />
      <Route path="/money/commitments" element={<CommitmentsPage />} />
      <Route path="/money/receipts" element={<ReceiptsPage />} />
      <Route path="/money/allocations" element={<AllocationsPage />} />
      <Route path="/money/spend" element={<SpendPage />} />
      <Route path="/money/exports" element={<ExportsPage />} />
      <Route path="/money/periods" element={<PeriodsPage />} />
      <Route path="/money/approvals" element={<ApprovalsPage />} />
      <Route path="/reconciliation" element={<PortfolioPage />} />
      <Route path="/users" element={users(UsersPage)} />
      <Route path="/council-sign-in" element={users(CouncilSignInPage)} />
      <Route path="/council-sign-in/:organisationId" element={users(CouncilIdentityProviderPage)} />
      <Route path="/users/:userId/edit" element={users(EditUserPage)} />
      <Route path="/organisations" element={reference(OrganisationsPage)} />
      <Route path="/organisations/new" element={reference(AddOrganisationPage)} />
      <Route path="/organisations/:organisationId/edit" element={reference(EditOrganisationPage)} />
      <Route path="/organisations/:organisationId/retire" element={reference(RetireOrganisationPage)} />
      <Route path="/funds/new" element={reference(AddFundPage)} />
      <Route path="/funds/:fundId/edit" element={reference(EditFundPage)} />
      <Route path="/funds/:fundId/retire" element={reference(RetireFundPage)} />
      <Route path="/imports" element={money(SpendImportPage)} />
      <Route path="/grant-imports" element={money(GrantImportPage)} />
      <Route path="/account" element={<AccountPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
