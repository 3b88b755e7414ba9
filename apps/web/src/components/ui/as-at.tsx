import { formatDateTime, todayInTheUk } from "@fundline/domain";

/**
 * "Show the figures as they stood at the end of …": a day in the address (`?asAt=2026-03-31`),
 * so a committee's figures as at its reporting date can be shared as a link and printed.
 */
export function AsAtChooser({ id, value, onChange }: { id: string; value: string; onChange: (day: string) => void }) {
  return (
    <div className="field as-at-chooser">
      <label htmlFor={id}>Figures as they stood at the end of (optional)</label>
      <input
        id={id}
        type="date"
        max={todayInTheUk()}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** Says, where past figures are shown, that they are not today's. */
export function AsAtNotice({ asAt, onBackToNow }: { asAt: string | null | undefined; onBackToNow: () => void }) {
  if (!asAt) return null;
  return (
    <div className="as-at-notice" role="note">
      <p>
        <strong>These figures are as Fundline held them at {formatDateTime(asAt)}</strong>, not as they are today:
        nothing recorded or changed since is in them.
      </p>
      <p className="no-print">
        <button type="button" className="link-button" onClick={onBackToNow}>
          Show today's figures
        </button>
      </p>
    </div>
  );
}
