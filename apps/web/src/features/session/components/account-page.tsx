import { PageHeading } from "../../../components/page/page-heading.tsx";
import { useSession } from "./session-gate.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";

/** The signed-in person's own account: for now, two-factor sign-in. */
export function AccountPage() {
  const session = useSession();
  if (!session.totpEnabled) return <TwoFactorSetup required={false} />;
  return (
    <>
      <PageHeading>Your account</PageHeading>
      <p>
        You are signed in as {session.user.displayName} ({session.user.email}), {session.user.organisation.name}.
      </p>
      <p>Two-factor sign-in is on for your account.</p>
    </>
  );
}
