import { SignInRequest } from "@fundline/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { sessionKey, signIn } from "../api/session.ts";

type FieldErrors = Partial<Record<"email" | "password", string>>;

/** Email and password, checked with the API's own schema before they are sent. */
export function SignInForm() {
  const queryClient = useQueryClient();
  const id = useId();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (session) => queryClient.setQueryData(sessionKey, session),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInRequest.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "email" || field === "password") && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data);
  };

  const field = (name: "email" | "password", label: string, type: string, autoComplete: string) => (
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
      <h1 id={`${id}-title`}>Sign in</h1>
      <form onSubmit={submit} noValidate>
        {field("email", "Email address", "email", "username")}
        {field("password", "Password", "password", "current-password")}
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
