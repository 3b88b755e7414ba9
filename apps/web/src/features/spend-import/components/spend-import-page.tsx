import { PageHeading } from "../../../components/page/page-heading.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { ImportBatches } from "./import-batches.tsx";
import { ImportForm } from "./import-form.tsx";

/** Finance officers bring spend in from the ledger: preview every row, import, reverse. */
export function SpendImportPage() {
  return (
    <>
      <PageHeading>Spend imports</PageHeading>
      <ImportForm />
      <h2>Imports so far</h2>
      <ImportBatches />
      <DownloadLinks path="/api/imports/spend" what="the imports" />
    </>
  );
}
