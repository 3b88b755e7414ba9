import { type FormEvent, useId, useState } from "react";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { CouncilSignInChoice } from "../../single-sign-on/index.ts";
import { useSignIn } from "../api/session.ts";

type FieldErrors = Partial<Record<"email" | "password" | "totpCode", string>>;

/** Email and password, checked with the API's own schema before they are sent. */
export function SignInForm() {
  const id = useId();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // Shown once the server says this account has two-factor sign-in.
  const [askForCode, setAskForCode] = useState(false);
  const mutation = useSignIn();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The API's own schema, loaded on the first submit so the sign-in page stays small.
    const { SignInRequest } = await import("@fundline/schemas");
    const parsed = SignInRequest.safeParse({
      email: form.get("email"),
      password: form.get("password"),
      totpCode: askForCode ? String(form.get("totpCode") ?? "").trim() : undefined,
    });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "email" || field === "password" || field === "totpCode") && !errors[field]) {
          errors[field] = issue.message;
        }
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data, {
      onError: (error) => {
        if (error instanceof ApiError && error.fields.some((field) => field.path === "totpCode")) setAskForCode(true);
      },
    });
  };

  const field = (name: keyof FieldErrors, label: string, type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {fieldErrors[name] && (
        <p className="field-error" id={`${id}-${name}-error`}>
          <span className="visually-hidden">Error: </span>
          {label} {fieldErrors[name]}
        </p>
      )}
      <input
        id={`${id}-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] ? `${id}-${name}-error` : undefined}
      />
    </div>
  );

  return (
    <section className="sign-in" aria-labelledby={`${id}-title`}>
      <PageHeading id={`${id}-title`}>Sign in</PageHeading>
      <CouncilSignInChoice />
      <form onSubmit={submit} noValidate>
        {field("email", "Email address", "email", "username")}
        {field("password", "Password", "password", "current-password")}
        {askForCode && field("totpCode", "Code from your authenticator app", "text", "one-time-code")}
        <div role="alert" aria-live="assertive">
          {mutation.isError && <p className="form-error">{mutation.error.message}</p>}
        </div>
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </section>
  );
}
