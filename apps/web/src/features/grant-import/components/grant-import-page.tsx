import { formatPence } from "@fundline/domain";
import type { ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useFunds } from "../../organisations/index.ts";
import { useImportGrants, usePreviewGrants } from "../api/grant-import.ts";

const count = (value: number) => value.toLocaleString("en-GB");

/**
 * Finance officers bring in a funder's published 360Giving data package: first a check of what
 * it would do (grants, total, recipients matched and new, every grant that would be skipped and
 * why), then the import. Its grants become awarded commitments from the chosen fund, not yet tied
 * to a programme, listed where they can be tied to one.
 */
export function GrantImportPage() {
  const id = useId();
  const funds = useFunds();
  const [fundId, setFundId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState("");
  const [preview, setPreview] = useState<ThreeSixtyGivingImportResult | null>(null);
  const [result, setResult] = useState<ThreeSixtyGivingImportResult | null>(null);
  const check = usePreviewGrants();
  const run = useImportGrants();

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    if (!fundId) return setMessage("Choose the fund the grants come from first.");
    if (!file) return setMessage("Choose the 360Giving file first.");
    setPreview(null);
    setResult(null);
    setMessage("Checking the file…");
    check.mutate(
      { fundId, file },
      {
        onSuccess: (checked) => {
          setPreview(checked);
          setMessage(
            `${count(checked.imported)} of ${count(checked.grants)} grants can be imported (${formatPence(checked.importedPence)}); ${count(checked.skipped.length)} would be skipped. Nothing is recorded yet.`,
          );
        },
        onError: (error) => setMessage(error.message),
      },
    );
  };
  const onImport = () => {
    if (!file) return;
    setMessage("Importing…");
    run.mutate(
      { fundId, file },
      {
        onSuccess: (imported) => {
          setPreview(null);
          setResult(imported);
          setMessage(
            `Imported ${count(imported.imported)} of ${count(imported.grants)} grants (${formatPence(imported.importedPence)}); ${count(imported.skipped.length)} skipped.`,
          );
        },
        onError: (error) => setMessage(error.message),
      },
    );
  };
  return (
    <>
      <PageHeading>Grant imports</PageHeading>
      <section aria-labelledby={`${id}-title`} className="panel">
        <h2 id={`${id}-title`}>Import a funder's 360Giving grants</h2>
        <form onSubmit={onCheck}>
          <div className="field">
            <label htmlFor={`${id}-fund`}>Fund the grants come from</label>
            <select
              id={`${id}-fund`}
              value={fundId}
              onChange={(event) => {
                setFundId(event.target.value);
                setPreview(null);
              }}
            >
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
              accept=".json,application/json"
              aria-describedby={`${id}-file-hint`}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setPreview(null);
              }}
            />
            <p id={`${id}-file-hint`} className="hint">
              Checked first: nothing is recorded until you confirm. Grants already imported are recognised by their
              360Giving id and not added again.
            </p>
          </div>
          <button type="submit" className={preview ? "secondary" : undefined} disabled={check.isPending}>
            Check the file
          </button>
        </form>
        <p role="status">{message}</p>
        {preview && (
          <>
            <GrantFigures result={preview} />
            <p className="button-group">
              <button type="button" onClick={onImport} disabled={run.isPending || preview.imported === 0}>
                Import {count(preview.imported)} {preview.imported === 1 ? "grant" : "grants"}
              </button>
            </p>
          </>
        )}
        {result && (
          <>
            <GrantFigures result={result} />
            {result.imported > 0 && (
              <p>
                The grants are not yet tied to a programme.{" "}
                <Link to="/money/commitments?unassigned=true">See the grants waiting to be tied to a programme</Link>.
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}

function GrantFigures({ result }: { result: ThreeSixtyGivingImportResult }) {
  const would = result.preview;
  return (
    <>
      <FiguresTable
        caption={would ? "What the import would do" : "What the import did"}
        figures={[
          ["Grants in the package", count(result.grants)],
          [
            would ? "Would be imported as commitments" : "Imported as commitments",
            `${count(result.imported)} (${formatPence(result.importedPence)})`,
          ],
          ["Already imported", count(result.alreadyImported)],
          ["Recipients matched", count(result.recipientsMatched)],
          [would ? "Recipients that would be added" : "Recipients added", count(result.recipientsCreated)],
        ]}
      />
      {result.skipped.length > 0 && (
        <TableRegion label="Grants not imported">
          <table>
            <caption>{would ? "Grants that would be skipped, and why" : "Grants not imported, and why"}</caption>
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
                  <td className="money">{count(grant.index + 1)}</td>
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
