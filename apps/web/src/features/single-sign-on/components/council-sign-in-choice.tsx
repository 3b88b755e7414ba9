import { isSignInRefusal, SIGN_IN_REFUSALS } from "@fundline/domain";
import { useId, useState } from "react";
import { useSingleSignOnCouncils } from "../api/council-sign-in.ts";

/**
 * "Sign in with your council account", for councils that have set up their identity provider: a
 * link to Fundline's start address for the council chosen. When the
 * council's provider sent someone back refused, the reason is said above it.
 */
export function CouncilSignInChoice() {
  const id = useId();
  const councils = useSingleSignOnCouncils().data?.councils ?? [];
  const [choice, setChosen] = useState<string | null>(null);
  const chosen = choice ?? councils[0]?.id ?? "";
  const refusal = new URLSearchParams(window.location.search).get("signInRefused");
  const sentence = refusal && isSignInRefusal(refusal) ? SIGN_IN_REFUSALS[refusal] : null;
  return (
    <>
      {sentence && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>You are not signed in</h2>
          <p>{sentence}</p>
        </div>
      )}
      {councils.length > 0 && (
        <section className="council-sign-in" aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>Sign in with your council account</h2>
          {/* A link, not a form: the page's form-action policy would stop a form's redirect to the council. */}
          {councils.length === 1 ? (
            <p>For people at {councils[0]?.name}: you sign in at your council, as you do for your email.</p>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-council`}>Your council</label>
              <select id={`${id}-council`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
                {councils.map((council) => (
                  <option key={council.id} value={council.id}>
                    {council.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p>
            <a className="button-link" href={`/api/sso/start?organisationId=${encodeURIComponent(chosen)}`}>
              Sign in with your council account
            </a>
          </p>
          <h2>Or sign in with a Fundline password</h2>
        </section>
      )}
    </>
  );
}
