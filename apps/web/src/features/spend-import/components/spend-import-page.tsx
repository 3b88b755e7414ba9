import { PageHeading } from "../../../components/page/page-heading.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { ImportBatches } from "./import-batches.tsx";
import { ImportForm } from "./import-form.tsx";
import { WaitingCodes } from "./waiting-codes.tsx";

/** Finance officers bring spend in from the ledger: preview every row, import, match codes, reverse. */
export function SpendImportPage() {
  return (
    <>
      <PageHeading>Spend imports</PageHeading>
      <ImportForm />
      <h2>Codes waiting for a cost line</h2>
      <WaitingCodes />
      <h2>Imports so far</h2>
      <ImportBatches />
      <DownloadLinks path="/api/imports/spend" what="the imports" />
    </>
  );
}
