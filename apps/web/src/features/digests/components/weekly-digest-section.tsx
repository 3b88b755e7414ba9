import { useId } from "react";
import { useSetWeeklyDigest, useWeeklyDigest } from "../api/weekly-digest.ts";

/** On the account page: the weekly email of what is due, on or off. */
export function WeeklyDigestSection() {
  const id = useId();
  const setting = useWeeklyDigest();
  const change = useSetWeeklyDigest();
  const on = setting.data?.weeklyDigest;
  const problem = change.error ?? setting.error;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Weekly email</h2>
      <p>
        Each Monday, an email of what is yours to see to: milestones overdue or due in the next 30 days, readings due,
        risks due for review, changes waiting for your approval and imported rows not yet matched. No email is sent in a
        week with nothing due.
      </p>
      {on !== undefined && <p role="status">{on ? "You get the weekly email." : "You do not get the weekly email."}</p>}
      <div role="alert">{problem && <p className="form-error">{problem.message}</p>}</div>
      {on !== undefined && (
        <button
          type="button"
          className={on ? "secondary" : undefined}
          onClick={() => change.mutate(!on)}
          disabled={change.isPending}
        >
          {on ? "Stop the weekly email" : "Send me the weekly email"}
        </button>
      )}
    </section>
  );
}
