import { PageHeading } from "../../../components/page/page-heading.tsx";
import { CalendarFeedSection } from "../../calendar/index.ts";
import { WeeklyDigestSection } from "../../digests/index.ts";
import { useSession } from "./session-gate.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";

/** The signed-in person's own account: two-factor sign-in, their weekly email and their calendar address. */
export function AccountPage() {
  const session = useSession();
  if (!session.totpEnabled) {
    return (
      <>
        <TwoFactorSetup required={false} />
        <WeeklyDigestSection />
        <CalendarFeedSection />
      </>
    );
  }
  return (
    <>
      <PageHeading>Your account</PageHeading>
      <p>
        You are signed in as {session.user.displayName} ({session.user.email}), {session.user.organisation.name}.
      </p>
      <p>Two-factor sign-in is on for your account.</p>
      <WeeklyDigestSection />
      <CalendarFeedSection />
    </>
  );
}
