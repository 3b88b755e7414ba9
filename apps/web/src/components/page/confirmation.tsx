import { useEffect, useRef } from "react";
import { useLocation, useNavigate } from "react-router";
import { claimPageFocus } from "./focus.ts";

/**
 * What a save sends to the page it returns to: the words that confirm it, and any further lines
 * (the reconciliation findings a money record's save raised or cleared).
 */
export type ConfirmationState = { confirmation?: string; details?: string[]; heading?: string };

/** "Milestone marked complete": success in words, focused so a screen reader says it (GOV.UK's success banner). */
export function Confirmation() {
  const location = useLocation();
  const state = location.state as ConfirmationState | null;
  const message = state?.confirmation;
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && claimPageFocus()) banner.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div className="confirmation no-print" role="status" tabIndex={-1} ref={banner}>
      <h2>{state?.heading ?? "Saved"}</h2>
      <p>{message}</p>
      {state?.details && state.details.length > 0 && (
        <ul>
          {state.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Goes to `path` after a save, with the words that confirm it shown (and focused) there. */
export function useReturnWithConfirmation() {
  const navigate = useNavigate();
  return (path: string, confirmation: string, details?: string[]) =>
    navigate(path, { state: { confirmation, details } satisfies ConfirmationState });
}
