import { type FormEvent, useId } from "react";
import { setAsideDownloadPath } from "../api/spend-import.ts";
import { FileRecognised } from "./file-recognised.tsx";
import { PreviewResult, SetAsideTable } from "./preview-result.tsx";
import { FIELDS, useSpendImport } from "./use-spend-import.ts";

/** The ledger, the file and its columns: checked first (nothing is written), then imported. */
export function ImportForm() {
  const id = useId();
  const spendImport = useSpendImport();
  const { preview, progress, mapping } = spendImport;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    spendImport.check();
  };
  const headers = preview?.headers ?? [];
  // Fields the saved mapping names a column for that this file lacks: marked until chosen again.
  const problems = new Map(
    (preview?.mappingProblems ?? []).map((problem) => [problem.path.replace(/^mapping\./, ""), problem.message]),
  );
  return (
    <section aria-labelledby={`${id}-title`} className="panel wide">
      <h2 id={`${id}-title`}>Import spend from the ledger</h2>
      <form onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-source`}>Ledger (source)</label>
          <input
            id={`${id}-source`}
            list={`${id}-sources`}
            required
            value={spendImport.sourceName}
            onChange={(event) => spendImport.chooseSource(event.target.value)}
            aria-describedby={`${id}-source-hint`}
          />
          <p id={`${id}-source-hint`} className="hint">
            The column mapping is saved per ledger and used again next time.
          </p>
          <datalist id={`${id}-sources`}>
            {spendImport.savedSources.map((source) => (
              <option key={source} value={source} />
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
            onChange={(event) => spendImport.chooseFile(event.target.files?.[0] ?? null)}
          />
        </div>
        {preview && (
          <FileRecognised
            fileName={preview.fileName}
            recognised={preview.recognised}
            rowsTotalPence={preview.rowsTotalPence}
            mapping={mapping}
          />
        )}
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
                  onChange={(event) => spendImport.chooseColumn(field, event.target.value || undefined)}
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
        <button type="submit" disabled={spendImport.busy}>
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
      <p role="status">{spendImport.message}</p>
      {spendImport.imported?.batch && spendImport.imported.problems.length > 0 && (
        <>
          <SetAsideTable
            result={spendImport.imported}
            caption={`Rows of ${spendImport.imported.fileName} set aside, and why`}
          />
          <p>
            <a href={setAsideDownloadPath(spendImport.imported.batch)} download>
              Download every row set aside from {spendImport.imported.fileName} (CSV)
            </a>
          </p>
        </>
      )}
      {preview?.mapping && <PreviewResult preview={preview} onImport={spendImport.commit} busy={spendImport.busy} />}
    </section>
  );
}
