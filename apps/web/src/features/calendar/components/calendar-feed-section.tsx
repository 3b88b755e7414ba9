import { formatDateTime } from "@fundline/domain";
import { useId } from "react";
import { useCalendarFeed, useMakeCalendarFeed, useRevokeCalendarFeed } from "../api/calendar-feed.ts";

/**
 * The person's calendar address: milestones in Outlook (or any calendar program), kept up to
 * date by it. The address is a secret, shown once when made; a new one stops the old.
 */
export function CalendarFeedSection() {
  const id = useId();
  const feed = useCalendarFeed();
  const make = useMakeCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const since = feed.data?.createdAt ?? null;
  // Shown only from the answer that made it, and only until the address is stopped.
  const address = make.data && since ? `${window.location.origin}${make.data.path}` : null;
  const problem = make.error ?? revoke.error ?? feed.error;
  return (
    <section aria-labelledby={`${id}-title`} className="calendar-feed">
      <h2 id={`${id}-title`}>Milestones in your calendar</h2>
      <p>
        A calendar address shows the milestones of every programme you can see, each on its forecast day, in Outlook or
        any calendar program, which keeps them up to date. Anyone who has the address can read it, so keep it to
        yourself; make a new one whenever you like and the old one stops working.
      </p>
      <p>{since ? `You have a calendar address, made ${formatDateTime(since)}.` : "You have no calendar address."}</p>
      {address && (
        <div className="field" role="status">
          <label htmlFor={`${id}-address`}>Your calendar address (shown this once: copy it now)</label>
          <input
            id={`${id}-address`}
            readOnly
            value={address}
            onFocus={(event) => event.currentTarget.select()}
            spellCheck={false}
          />
          <p className="hint">In Outlook: Add calendar, then Subscribe from web, and paste the address.</p>
        </div>
      )}
      <div role="alert">{problem && <p className="form-error">{problem.message}</p>}</div>
      <div className="actions">
        <button type="button" onClick={() => make.mutate()} disabled={make.isPending}>
          {since ? "Make a new calendar address" : "Make a calendar address"}
        </button>
        {since && (
          <button
            type="button"
            className="secondary"
            onClick={() => revoke.mutate(undefined, { onSuccess: () => make.reset() })}
            disabled={revoke.isPending}
          >
            Stop the calendar address
          </button>
        )}
      </div>
    </section>
  );
}
