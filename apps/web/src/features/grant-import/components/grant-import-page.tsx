import { formatPence } from "@fundline/domain";
import type { ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useFunds } from "../../organisations/index.ts";
import { useImportGrants } from "../api/grant-import.ts";

/**
 * Finance officers bring in a funder's published 360Giving data package: its grants become
 * awarded commitments from the chosen fund, not yet tied to a programme, and every grant that
 * cannot be imported is listed with its id and why.
 */
export function GrantImportPage() {
  const id = useId();
  const funds = useFunds();
  const [fundId, setFundId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<ThreeSixtyGivingImportResult | null>(null);

  const run = useImportGrants();
  const onImported = (imported: ThreeSixtyGivingImportResult) => {
    setResult(imported);
    setMessage(
      `Imported ${imported.imported.toLocaleString("en-GB")} of ${imported.grants.toLocaleString("en-GB")} grants (${formatPence(imported.importedPence)}); ${imported.skipped.length.toLocaleString("en-GB")} skipped.`,
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMessage("Choose the 360Giving file first.");
      return;
    }
    setResult(null);
    setMessage("Importing…");
    run.mutate(
      { fundId, file },
      {
        onSuccess: onImported,
        onError: (error) => setMessage(error.message),
      },
    );
  };
  return (
    <>
      <PageHeading>Grant imports</PageHeading>
      <section aria-labelledby={`${id}-title`} className="panel">
        <h2 id={`${id}-title`}>Import a funder's 360Giving grants</h2>
        <form onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={`${id}-fund`}>Fund the grants come from</label>
            <select id={`${id}-fund`} required value={fundId} onChange={(event) => setFundId(event.target.value)}>
              <option value="">— choose a fund —</option>
              {funds.options.map((fund) => (
                <option key={fund.value} value={fund.value}>
                  {fund.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>360Giving data package (JSON)</label>
            <input
              id={`${id}-file`}
              type="file"
              required
              accept=".json,application/json"
              aria-describedby={`${id}-file-hint`}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
            <p id={`${id}-file-hint`} className="hint">
              Grants already imported are recognised by their 360Giving id and not added again.
            </p>
          </div>
          <button type="submit" disabled={run.isPending}>
            Import the grants
          </button>
        </form>
        <p role="status">{message}</p>
        {result && <ImportResult result={result} />}
      </section>
    </>
  );
}

function ImportResult({ result }: { result: ThreeSixtyGivingImportResult }) {
  return (
    <>
      <FiguresTable
        caption="What the import did"
        figures={[
          ["Grants in the package", result.grants.toLocaleString("en-GB")],
          [
            "Imported as commitments",
            `${result.imported.toLocaleString("en-GB")} (${formatPence(result.importedPence)})`,
          ],
          ["Already imported", result.alreadyImported.toLocaleString("en-GB")],
          [
            "Recipients matched / created",
            `${result.recipientsMatched.toLocaleString("en-GB")} / ${result.recipientsCreated.toLocaleString("en-GB")}`,
          ],
        ]}
      />
      {result.skipped.length > 0 && (
        <TableRegion label="Grants not imported">
          <table>
            <caption>Grants not imported, and why</caption>
            <thead>
              <tr>
                <th scope="col">Grant</th>
                <th scope="col">Position in the file</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {result.skipped.map((grant) => (
                <tr key={`${grant.index}-${grant.id}`}>
                  <td>{grant.id ?? "(no id)"}</td>
                  <td className="money">{(grant.index + 1).toLocaleString("en-GB")}</td>
                  <td>{grant.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
