import { formatDateTime, formatPence } from "@fundline/domain";
import type { ImportBatchSummary } from "@fundline/schemas";
import { useId, useState } from "react";
import { LoadFailure, Loading } from "../../../components/page/page-states.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { AwaitingApproval } from "../../../lib/api-client.ts";
import { setAsideDownloadPath, useImportBatches, useReverseBatch } from "../api/spend-import.ts";

/** The imports so far, newest first, each reversible once with a reason. */
export function ImportBatches() {
  const batches = useImportBatches();
  if (batches.isPending) return <Loading what="imports" />;
  if (batches.isError)
    return <LoadFailure what="the imports" error={batches.error} onRetry={() => void batches.refetch()} />;
  if (batches.data.batches.length === 0) return <p>No spend has been imported yet.</p>;
  return (
    <TableRegion label="Spend imports">
      <table>
        <caption className="visually-hidden">Spend imports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Ledger</th>
            <th scope="col">File</th>
            <th scope="col">By</th>
            <th scope="col" className="money">
              Rows
            </th>
            <th scope="col" className="money">
              Total
            </th>
            <th scope="col">Set aside</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {batches.data.batches.map((batch) => (
            <BatchRow key={batch.id} batch={batch} />
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function BatchRow({ batch }: { batch: ImportBatchSummary }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [open, setOpen] = useState(false);
  const [reversed, setReversed] = useState<string | null>(null);
  const reverse = useReverseBatch();
  return (
    <tr>
      <td>{formatDateTime(batch.createdAt)}</td>
      <td>{batch.sourceName}</td>
      <td>{batch.fileName}</td>
      <td>{batch.createdBy ?? "—"}</td>
      <td className="money">{batch.rowCount.toLocaleString("en-GB")}</td>
      <td className="money">{formatPence(batch.totalPence)}</td>
      <td>
        {batch.setAsideRows === 0 ? (
          "None"
        ) : (
          <a href={setAsideDownloadPath(batch)} download>
            {batch.setAsideRows.toLocaleString("en-GB")} {batch.setAsideRows === 1 ? "row" : "rows"} (CSV)
            <span className="visually-hidden"> set aside from {batch.fileName}</span>
          </a>
        )}
      </td>
      <td>{batch.status === "reversed" ? "Reversed" : "Imported"}</td>
      <td>
        {/* Once reversed, the form goes and says what it did: a reversal cannot be repeated. */}
        <p role="status" className={reversed ? undefined : "visually-hidden"}>
          {reversed}
        </p>
        {batch.status === "committed" && !open && (
          <button type="button" className="secondary" onClick={() => setOpen(true)}>
            Reverse<span className="visually-hidden"> the import of {batch.fileName}</span>
          </button>
        )}
        {open && batch.status === "committed" && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              reverse.mutate(
                { batch, reason },
                {
                  onSuccess: () => {
                    setOpen(false);
                    setReversed(
                      `Reversed: all ${batch.rowCount.toLocaleString("en-GB")} rows (${formatPence(batch.totalPence)}) of ${batch.fileName} are retired, and every figure they were in is back as it was.`,
                    );
                  },
                  // Above the council's approval threshold: kept for a second person to approve.
                  onError: (error) => {
                    if (!(error instanceof AwaitingApproval)) return;
                    setOpen(false);
                    setReversed(
                      `Sent for approval: the reversal of ${batch.fileName} (${formatPence(error.changeRequest.amountPence)} of payments) waits for another finance officer or an administrator under Money records, Approvals. Nothing is reversed until then.`,
                    );
                  },
                },
              );
            }}
          >
            <label htmlFor={`${id}-reason`}>Why reverse it?</label>
            <input id={`${id}-reason`} required value={reason} onChange={(event) => setReason(event.target.value)} />
            <button type="submit" disabled={reverse.isPending}>
              Reverse all {batch.rowCount.toLocaleString("en-GB")} rows
            </button>
            {reverse.isError && !(reverse.error instanceof AwaitingApproval) && (
              <p role="alert">{reverse.error.message}</p>
            )}
          </form>
        )}
      </td>
    </tr>
  );
}
