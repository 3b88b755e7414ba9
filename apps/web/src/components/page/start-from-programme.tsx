import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router";

/**
 * Money is recorded against a programme: from a list of all of them, the person first says which
 * programme, then fills in that programme's form (where its lines, partners and commitments are).
 */
export function StartFromProgramme({
  action,
  programmes,
  formPath,
}: {
  /** "Record a funding commitment" */
  action: string;
  programmes: readonly { id: string; name: string }[];
  formPath: (programmeId: string) => string;
}) {
  const id = useId();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState("");
  const [problem, setProblem] = useState(false);
  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setProblem(true);
    navigate(formPath(chosen));
  };
  return (
    <form className="record-filters no-print" onSubmit={start}>
      <div className={problem ? "field form-group-error" : "field"}>
        <label htmlFor={`${id}-programme`}>{action}: for which programme?</label>
        {problem && (
          <p id={`${id}-error`} className="error-message">
            <span className="visually-hidden">Error: </span>Choose the programme first.
          </p>
        )}
        <select
          id={`${id}-programme`}
          value={chosen}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(event) => {
            setChosen(event.target.value);
            setProblem(false);
          }}
        >
          <option value="">Choose a programme</option>
          {programmes.map((programme) => (
            <option key={programme.id} value={programme.id}>
              {programme.name}
            </option>
          ))}
        </select>
      </div>
      <p>
        <button type="submit">{action}</button>
      </p>
    </form>
  );
}
