import { formatDateTime, formatPence } from "@fundline/domain";
import {
  type ImportBatchSummary,
  SPEND_IMPORT_FIELDS,
  type SpendColumnMapping,
  type SpendImportField,
  type SpendImportResult,
} from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { LoadFailure, Loading } from "../../../components/page/page-states.tsx";
import { DownloadLinks } from "../../../components/ui/download-links.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useImportBatches, useImportMappings, useReverseBatch, useRunSpendImport } from "../api/spend-import.ts";

const FIELDS = Object.entries(SPEND_IMPORT_FIELDS) as [SpendImportField, { label: string; required: boolean }][];
const WARNING_NAMES = {
  outsideProgrammeDates: "Outside the programme's dates",
  moreThanLineHasLeft: "More than the line has left",
} as const;
const KIND_NAMES = { field: "Cannot be read", costLine: "Unknown cost line", duplicate: "Duplicate" } as const;

/** Finance officers bring spend in from the ledger: preview every row, import, reverse. */
export function SpendImportPage() {
  return (
    <>
      <PageHeading>Spend imports</PageHeading>
      <ImportForm />
      <h2>Imports so far</h2>
      <Batches />
      <DownloadLinks path="/api/imports/spend" what="the imports" />
    </>
  );
}

function ImportForm() {
  const id = useId();
  const mappings = useImportMappings();
  const [sourceName, setSourceName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Partial<SpendColumnMapping>>({});
  const [progress, setProgress] = useState<{ percent: number; text: string } | null>(null);
  const [preview, setPreview] = useState<SpendImportResult | null>(null);
  const [message, setMessage] = useState("");

  const complete = FIELDS.every(([field, { required }]) => !required || mapping[field]);
  const runImport = useRunSpendImport();
  const onResult = (result: SpendImportResult) => {
    setProgress(null);
    if (result.mapping) setMapping(result.mapping);
    // With a mapping that no longer fits, the suggestion keeps each field that still does.
    else setMapping(result.suggestedMapping as Partial<SpendColumnMapping>);
    if (result.batch) {
      setPreview(null);
      setMessage(
        `Imported ${result.batch.rowCount.toLocaleString("en-GB")} rows, ${formatPence(result.batch.totalPence)}, from ${result.fileName}. ${result.skipped.toLocaleString("en-GB")} rows were skipped.`,
      );
      return;
    }
    setPreview(result);
    const stale = result.mappingProblems.length;
    setMessage(
      result.mapping
        ? `Checked ${result.rows.toLocaleString("en-GB")} rows: ${result.importable.toLocaleString("en-GB")} can be imported, ${result.skipped.toLocaleString("en-GB")} would be skipped.`
        : stale > 0
          ? `The column mapping does not fit this file: ${stale} ${stale === 1 ? "column it names is" : "columns it names are"} missing. Choose ${stale === 1 ? "it" : "them"} below (marked), then check the file again.`
          : "Choose which column holds each field, then check the file again.",
    );
  };
  const start = (mode: "preview" | "commit") => {
    if (!file) {
      setMessage("Choose the ledger file first.");
      return;
    }
    setProgress({ percent: 0, text: "Sending the file…" });
    runImport.mutate(
      {
        upload: {
          file,
          mode,
          sourceName,
          mapping: complete ? (mapping as SpendColumnMapping) : null,
          ...(mode === "commit" && preview ? { expectedSha256: preview.fileSha256 } : {}),
        },
        onProgress: (event) =>
          setProgress({
            percent: event.percent,
            text: `${event.phase === "reading" ? "Reading" : event.phase === "checking" ? "Checking" : "Writing"}: ${event.rowsRead.toLocaleString("en-GB")} rows`,
          }),
      },
      {
        onSuccess: onResult,
        onError: (error) => {
          setProgress(null);
          setMessage(error.message);
        },
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    start("preview");
  };
  const headers = preview?.headers ?? [];
  // Fields the saved mapping names a column for that this file lacks: marked until chosen again.
  const problems = new Map(
    (preview?.mappingProblems ?? []).map((problem) => [problem.path.replace(/^mapping\./, ""), problem.message]),
  );
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>Import spend from the ledger</h2>
      <form onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-source`}>Ledger (source)</label>
          <input
            id={`${id}-source`}
            list={`${id}-sources`}
            required
            value={sourceName}
            onChange={(event) => {
              setSourceName(event.target.value);
              const saved = mappings.data?.mappings.find((entry) => entry.sourceName === event.target.value);
              if (saved) setMapping(saved.mapping);
            }}
            aria-describedby={`${id}-source-hint`}
          />
          <p id={`${id}-source-hint`} className="hint">
            The column mapping is saved per ledger and used again next time.
          </p>
          <datalist id={`${id}-sources`}>
            {mappings.data?.mappings.map((entry) => (
              <option key={entry.sourceName} value={entry.sourceName} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>Ledger file (CSV or XLSX)</label>
          <input
            id={`${id}-file`}
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </div>
        {headers.length > 0 && (
          <fieldset className="mapping">
            <legend>Which column holds each field</legend>
            {FIELDS.map(([field, { label, required }]) => (
              <div className={problems.has(field) ? "field form-group-error" : "field"} key={field}>
                <label htmlFor={`${id}-${field}`}>
                  {label}
                  {required ? " (required)" : ""}
                </label>
                {problems.has(field) && (
                  <p id={`${id}-${field}-error`} className="error-message">
                    <span className="visually-hidden">Error: </span>
                    The saved mapping no longer fits: {problems.get(field)}. Choose the column that holds it now.
                  </p>
                )}
                <select
                  id={`${id}-${field}`}
                  value={mapping[field] ?? ""}
                  required={required}
                  aria-invalid={problems.has(field) || undefined}
                  aria-describedby={problems.has(field) ? `${id}-${field}-error` : undefined}
                  onChange={(event) => setMapping({ ...mapping, [field]: event.target.value || undefined })}
                >
                  <option value="">— not in this file —</option>
                  {headers.map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        )}
        <button type="submit" disabled={runImport.isPending}>
          {preview ? "Check again" : "Check the file"}
        </button>
      </form>
      {progress && (
        <div className="progress">
          <label htmlFor={`${id}-progress`}>{progress.text}</label>
          <progress id={`${id}-progress`} max={100} value={progress.percent}>
            {progress.percent}%
          </progress>
        </div>
      )}
      <p role="status">{message}</p>
      {preview?.mapping && (
        <PreviewResult preview={preview} onImport={() => start("commit")} busy={runImport.isPending} />
      )}
    </section>
  );
}

function PreviewResult({
  preview,
  onImport,
  busy,
}: {
  preview: SpendImportResult;
  onImport: () => void;
  busy: boolean;
}) {
  return (
    <>
      <FiguresTable
        caption={`What importing ${preview.fileName} would do`}
        figures={[
          ["Rows in the file", preview.rows.toLocaleString("en-GB")],
          ["Rows to import", `${preview.importable.toLocaleString("en-GB")} (${formatPence(preview.importablePence)})`],
          [
            "Rows skipped",
            `${preview.skipped.toLocaleString("en-GB")}, of which ${preview.duplicates.toLocaleString("en-GB")} duplicates`,
          ],
        ]}
      />
      {preview.warnings.length > 0 && (
        <TableRegion label="Rows to check">
          <table>
            <caption>
              {preview.warningCount.toLocaleString("en-GB")} {preview.warningCount === 1 ? "row" : "rows"} will be
              imported but raise a finding: check {preview.warningCount === 1 ? "it" : "them"} first
              {preview.warnings.length >= 1_000 ? " (the first 1,000 findings)" : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Finding</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {preview.warnings.map((warning) => (
                <tr key={`${warning.line}-${warning.kind}`}>
                  <td>{warning.line}</td>
                  <td>{WARNING_NAMES[warning.kind]}</td>
                  <td>{warning.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {preview.problems.length > 0 && (
        <TableRegion label="Rows that will be skipped">
          <table>
            <caption>
              Rows that will be skipped, and why
              {preview.skipped > preview.problems.length
                ? ` (the first ${preview.problems.length.toLocaleString("en-GB")})`
                : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((problem) => (
                <tr key={problem.line}>
                  <td>{problem.line}</td>
                  <td>{KIND_NAMES[problem.kind]}</td>
                  <td>{problem.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {preview.sample.length > 0 && (
        <TableRegion label="The first rows to be imported">
          <table>
            <caption>The first rows to be imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Date</th>
                <th scope="col">Supplier</th>
                <th scope="col">Cost line</th>
                <th scope="col">Programme</th>
                <th scope="col" className="money">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.spentOn}</td>
                  <td>{row.supplierName}</td>
                  <td>{row.costLine}</td>
                  <td>{row.programme}</td>
                  <td className="money">{formatPence(row.amountPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <button type="button" onClick={onImport} disabled={busy || preview.importable === 0}>
        Import {preview.importable.toLocaleString("en-GB")} rows ({formatPence(preview.importablePence)})
      </button>
    </>
  );
}

function Batches() {
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
                },
              );
            }}
          >
            <label htmlFor={`${id}-reason`}>Why reverse it?</label>
            <input id={`${id}-reason`} required value={reason} onChange={(event) => setReason(event.target.value)} />
            <button type="submit" disabled={reverse.isPending}>
              Reverse all {batch.rowCount.toLocaleString("en-GB")} rows
            </button>
            {reverse.isError && <p role="alert">{reverse.error.message}</p>}
          </form>
        )}
      </td>
    </tr>
  );
}
