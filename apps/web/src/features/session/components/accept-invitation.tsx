import { NewPassword } from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { useAcceptInvitation } from "../api/session.ts";

/** Where an invitation link lands: the new user chooses a password and is signed in. */
export function AcceptInvitation() {
  const id = useId();
  const navigate = useNavigate();
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const [problem, setProblem] = useState<string | null>(null);
  const accept = useAcceptInvitation();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const parsed = NewPassword.safeParse(password);
    if (!parsed.success) return setProblem(`Password ${parsed.error.issues[0]?.message}.`);
    if (password !== form.get("confirmation")) return setProblem("The two passwords are not the same.");
    setProblem(null);
    accept.mutate(
      { token, password },
      { onSuccess: () => navigate("/", { replace: true }), onError: (error) => setProblem(error.message) },
    );
  };

  return (
    <section className="sign-in" aria-labelledby={`${id}-title`}>
      <PageHeading id={`${id}-title`}>Choose your password</PageHeading>
      <p id={`${id}-hint`}>At least 12 characters. A few unrelated words make a good one.</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-password`}>New password</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-hint`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirmation`}>New password again</label>
          <input id={`${id}-confirmation`} name="confirmation" type="password" autoComplete="new-password" />
        </div>
        <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
        <button type="submit" disabled={accept.isPending}>
          Save password and sign in
        </button>
      </form>
    </section>
  );
}
