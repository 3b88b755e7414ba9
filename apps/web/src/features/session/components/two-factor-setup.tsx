import { TotpCode } from "@fundline/schemas";
import { type FormEvent, useEffect, useId, useState } from "react";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { useConfirmTotp, useStartTotp } from "../api/session.ts";

/** Sets up two-factor sign-in: a secret for the authenticator app, then a code to confirm it. */
export function TwoFactorSetup({ required }: { required: boolean }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const start = useStartTotp();
  const confirm = useConfirmTotp();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = TotpCode.safeParse(String(new FormData(event.currentTarget).get("code") ?? "").trim());
    if (!code.success) return setProblem(`The code ${code.error.issues[0]?.message}.`);
    setProblem(null);
    confirm.mutate(code.data, { onError: (error) => setProblem(error.message) });
  };

  return (
    <section className="sign-in" aria-labelledby={`${id}-title`}>
      <PageHeading id={`${id}-title`}>Set up two-factor sign-in</PageHeading>
      {required && <p>Your role requires a code from an authenticator app as well as your password.</p>}
      {!start.data ? (
        <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
          Start
        </button>
      ) : (
        <>
          <p>
            Scan this code with your authenticator app, or add an account with the key below it, or open the link on a
            phone that has the app:
          </p>
          <QrCode text={start.data.uri} />
          <p>
            <code className="secret">{start.data.secret}</code>
          </p>
          <p>
            <a href={start.data.uri}>Open in an authenticator app</a>
          </p>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={`${id}-code`}>The 6-digit code the app shows</label>
              <input id={`${id}-code`} name="code" inputMode="numeric" autoComplete="one-time-code" />
            </div>
            <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
            <button type="submit" disabled={confirm.isPending}>
              Confirm
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** The authenticator link as a QR code beside the key (drawn here, so the secret goes nowhere else). */
function QrCode({ text }: { text: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void import("qrcode").then(({ toDataURL }) =>
      toDataURL(text, { margin: 2, width: 200 }).then((url) => {
        if (current) setImage(url);
      }),
    );
    return () => {
      current = false;
    };
  }, [text]);
  if (!image) return null;
  return <img src={image} width={200} height={200} alt="QR code of the two-factor key, for your authenticator app" />;
}
