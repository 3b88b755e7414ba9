// What other features may use of commitments: the page frame for a commitment's own records
// (receipts, allocations), and the address that shows its figures.
export { commitmentPath, WithCommitment } from "./components/commitment-forms.tsx";
