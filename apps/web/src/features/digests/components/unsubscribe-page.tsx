import { Link } from "react-router";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { useUnsubscribe } from "../api/weekly-digest.ts";

/**
 * Where the link at the foot of a weekly email lands, signed in or not. Stopping takes a press
 * of the button, so a mail scanner that opens every link stops nothing.
 */
export function UnsubscribePage() {
  // In the fragment, so the secret is never sent to a server in an address or a Referer.
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const unsubscribe = useUnsubscribe();
  return (
    <section className="sign-in">
      <PageHeading>Stop the weekly email</PageHeading>
      {unsubscribe.isSuccess ? (
        <p role="status">
          Done: you will get no more weekly emails from Fundline. You can switch them back on from your account page.
        </p>
      ) : (
        <>
          <p>You will no longer get Fundline's Monday email of what is yours to see to.</p>
          <div role="alert">
            {unsubscribe.isError && (
              <p className="form-error">
                {unsubscribe.error instanceof ApiError && unsubscribe.error.statusCode === 404
                  ? "This link is not one Fundline sent, or was not copied whole. Use the link in your latest email, or switch the email off from your account page."
                  : unsubscribe.error.message}
              </p>
            )}
          </div>
          <button type="button" onClick={() => unsubscribe.mutate(token)} disabled={unsubscribe.isPending || !token}>
            Stop the weekly email
          </button>
        </>
      )}
      <p>
        <Link to="/account">Your account</Link>
      </p>
    </section>
  );
}
