import { formatDate, formatPence } from "@fundline/domain";
import type { MatchLedgerCodeResult, UnmatchedCode } from "@fundline/schemas";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { LoadFailure, Loading } from "../../../components/page/page-states.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { programmeQueryOptions, useProgrammeChoices } from "../../programme-frame/index.ts";
import { useMatchLedgerCode, useUnmatchedCodes } from "../api/spend-import.ts";

/**
 * Codes in the council's ledgers that no cost line has: their rows wait here, not lost, until a
 * finance officer matches each code to a cost line, once; the rows then go in.
 */
export function WaitingCodes() {
  const codes = useUnmatchedCodes();
  // Said after a match, when the code (and its form) has gone from the list.
  const [matched, setMatched] = useState("");
  const status = <p role="status">{matched}</p>;
  if (codes.isPending) return <Loading what="the codes waiting for a cost line" />;
  if (codes.isError)
    return <LoadFailure what="the codes waiting" error={codes.error} onRetry={() => void codes.refetch()} />;
  if (codes.data.codes.length === 0) {
    return (
      <>
        {status}
        <p>No rows are waiting: every code imported so far has a cost line.</p>
      </>
    );
  }
  return (
    <>
      {status}
      <TableRegion label="Codes waiting for a cost line">
        <table>
          <caption>
            Rows set aside because no cost line has their code: match a code to a cost line and its rows are imported
            (the match is remembered for that ledger)
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Ledger</th>
              <th scope="col" className="money">
                Rows
              </th>
              <th scope="col" className="money">
                Total
              </th>
              <th scope="col">Dated</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {codes.data.codes.map((code) => (
              <WaitingCode key={`${code.sourceName}\u0000${code.code}`} code={code} onMatched={setMatched} />
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

function WaitingCode({ code, onMatched }: { code: UnmatchedCode; onMatched: (said: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <tr>
      <th scope="row">{code.code}</th>
      <td>{code.sourceName}</td>
      <td className="money">{code.rows.toLocaleString("en-GB")}</td>
      <td className="money">{formatPence(code.totalPence)}</td>
      <td>
        {code.firstOn && code.lastOn
          ? code.firstOn === code.lastOn
            ? formatDate(code.firstOn)
            : `${formatDate(code.firstOn)} to ${formatDate(code.lastOn)}`
          : "—"}
      </td>
      <td>
        {open ? (
          <MatchForm code={code} onCancel={() => setOpen(false)} onMatched={onMatched} />
        ) : (
          <button type="button" className="secondary" onClick={() => setOpen(true)}>
            Match to a cost line<span className="visually-hidden"> the code {code.code}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** The programme, then the cost line the code means; matching imports the waiting rows at once. */
function MatchForm({
  code,
  onCancel,
  onMatched,
}: {
  code: UnmatchedCode;
  onCancel: () => void;
  onMatched: (said: string) => void;
}) {
  const id = useId();
  const [programmeId, setProgrammeId] = useState("");
  const [costLineId, setCostLineId] = useState("");
  const programmes = useProgrammeChoices();
  const programme = useQuery({ ...programmeQueryOptions(programmeId), enabled: programmeId !== "" });
  const match = useMatchLedgerCode();
  const lines = programme.data?.costLines ?? [];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // Awaited, not an onSuccess of this form: the code leaves the list (and this form unmounts)
        // as the screens refresh, before a per-call callback would run.
        match
          .mutateAsync({ sourceName: code.sourceName, code: code.code, costLineId })
          .then((result) => onMatched(matchedWords(result)))
          .catch(() => {}); // shown below, from the mutation's own error
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-programme`}>Programme</label>
        <select
          id={`${id}-programme`}
          required
          value={programmeId}
          onChange={(event) => {
            setProgrammeId(event.target.value);
            setCostLineId("");
          }}
        >
          <option value="">Choose a programme</option>
          {programmes.data?.programmes.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-line`}>Cost line the code {code.code} means</label>
        <select
          id={`${id}-line`}
          required
          disabled={programmeId === "" || programme.isPending}
          value={costLineId}
          onChange={(event) => setCostLineId(event.target.value)}
        >
          <option value="">{programmeId === "" ? "Choose the programme first" : "Choose a cost line"}</option>
          {lines.map((line) => (
            <option key={line.id} value={line.id}>
              {line.name}
              {line.ledgerCode ? ` (${line.ledgerCode})` : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" disabled={match.isPending || costLineId === ""}>
          Match and import {code.rows.toLocaleString("en-GB")} {code.rows === 1 ? "row" : "rows"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {match.isError && <p role="alert">{match.error.message}</p>}
    </form>
  );
}

/** What a match did, in a sentence: the rows imported, and any set aside again. */
export function matchedWords(result: MatchLedgerCodeResult): string {
  const rows = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "row" : "rows"}`;
  const imported = `Matched ${result.code} to ${result.costLine} for ${result.sourceName}: imported ${rows(result.imported)}, ${formatPence(result.importedPence)}.`;
  return result.setAside === 0
    ? `${imported} Later files with this code go to this line.`
    : `${imported} ${rows(result.setAside)} (${formatPence(result.setAsidePence)}) set aside again: see the import's set-aside rows.`;
}
