import { can, changesRecordsOf, shapesProgramme, todayInTheUk } from "@fundline/domain";
import type { ProgrammeDetail, SessionResponse } from "@fundline/schemas";
import { createContext, lazy, type ReactNode, useContext, useEffect, useState } from "react";
import { NavLink, useLocation } from "react-router";
import { LoadFailure, Loading } from "../../../components/page/page-states.tsx";
import { useSessionQuery, useSignOut } from "../api/session.ts";
import { SignInForm } from "./sign-in-form.tsx";

// Only for someone whose role requires two-factor sign-in and who has not set it up yet.
const TwoFactorSetup = lazy(async () => ({ default: (await import("./two-factor-setup.tsx")).TwoFactorSetup }));

const SessionContext = createContext<SessionResponse | null>(null);

/** The signed-in session; only inside `SessionGate`. */
export function useSession(): SessionResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is only available inside SessionGate");
  return session;
}

/**
 * Whether the signed-in user may change a money record owned by `ownerId`: a partner council
 * reads another council's records on a shared programme but does not change them.
 */
export function useChangesMoneyOf(): (ownerId: string | null) => boolean {
  const { user } = useSession();
  return (ownerId) =>
    can(user.role, "money.write") &&
    changesRecordsOf({ role: user.role, organisationId: user.organisation.id }, ownerId);
}

/**
 * Whether the signed-in user may add cost lines, workstreams and cost-sharing agreements to the
 * programme: its lead's finance officers, a granted partner's, and administrators.
 */
export function useShapesProgramme(programme: ProgrammeDetail): boolean {
  const { user } = useSession();
  return (
    can(user.role, "money.write") &&
    shapesProgramme(
      { role: user.role, organisationId: user.organisation.id },
      {
        leadOrganisationId: programme.leadOrganisation.id,
        partners: programme.partners.map((partner) => ({ ...partner, organisationId: partner.organisation.id })),
      },
      todayInTheUk(),
    )
  );
}

/** Shows the sign-in form until there is a session, then the app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  if (session.isPending) return <Loading what="Fundline" />;
  if (session.isError) {
    return <LoadFailure what="Fundline" error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) return <SignInForm />;
  if (session.data.totpEnrolmentRequired) return <TwoFactorSetup required />;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}

/** Who is signed in, and the way out. */
export function SignedInAs() {
  const session = useSessionQuery().data;
  const signOutMutation = useSignOut();
  if (!session) return null;
  return (
    <div className="signed-in">
      <span>
        {session.user.displayName}, {session.user.organisation.name}
      </span>
      <button type="button" onClick={() => signOutMutation.mutate()} disabled={signOutMutation.isPending}>
        Sign out
      </button>
    </div>
  );
}

/**
 * Links to the screens this user's role can use (from the shared permissions table). On a narrow
 * screen they fold behind a Menu button, so nothing is pushed off the side (WCAG 1.4.10).
 */
export function MainNavigation() {
  const session = useSessionQuery().data;
  const [open, setOpen] = useState(false);
  const location = useLocation();
  // Choosing a page closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => setOpen(false), [location.pathname]);
  if (!session) return null;
  return (
    <nav aria-label="Main" className="main-navigation-area">
      <button
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="main-navigation"
        onClick={() => setOpen((shown) => !shown)}
      >
        Menu
      </button>
      <ul id="main-navigation" className={open ? "main-navigation open" : "main-navigation"}>
        <li>
          <NavLink to="/" end>
            {session.user.role === "programme_manager" ? "Home" : "Dashboard"}
          </NavLink>
        </li>
        <li>
          <NavLink to="/money">Money</NavLink>
        </li>
        <li>
          <NavLink to="/reconciliation">Reconciliation</NavLink>
        </li>
        {session.permissions.includes("money.write") && (
          <>
            <li>
              <NavLink to="/imports">Spend imports</NavLink>
            </li>
            <li>
              <NavLink to="/grant-imports">Grant imports</NavLink>
            </li>
          </>
        )}
        {session.permissions.includes("reference.write") && (
          <li>
            <NavLink to="/organisations">Organisations</NavLink>
          </li>
        )}
        {session.permissions.includes("users.manage") && (
          <li>
            <NavLink to="/users">Users</NavLink>
          </li>
        )}
        {!session.totpEnrolmentRequired && (
          <li>
            <NavLink to="/account">Account</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
