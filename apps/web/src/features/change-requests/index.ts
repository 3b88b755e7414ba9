// What other features may use of change requests: the reason a money form asks for, and the
// changes waiting for approval, shown on a record, a programme's money and the home page.
export { ChangeReasonField } from "./components/change-reason-field.tsx";
export { AwaitingYourApproval, PendingApprovalTotal, PendingChanges } from "./components/pending-changes.tsx";
