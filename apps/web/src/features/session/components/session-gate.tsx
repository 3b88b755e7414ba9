import type { SessionResponse } from "@fundline/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { NavLink } from "react-router";
import { getSession, sessionKey, signOut } from "../api/session.ts";
import { SignInForm } from "./sign-in-form.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";

const SessionContext = createContext<SessionResponse | null>(null);

/** The signed-in session; only inside `SessionGate`. */
export function useSession(): SessionResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is only available inside SessionGate");
  return session;
}

/** Shows the sign-in form until there is a session, then the app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useQuery({ queryKey: sessionKey, queryFn: getSession, staleTime: 60_000 });
  if (session.isPending) return <p aria-busy="true">Loading…</p>;
  if (session.isError) return <p role="alert">Fundline could not be reached: {session.error.message}</p>;
  if (!session.data) return <SignInForm />;
  if (session.data.totpEnrolmentRequired) return <TwoFactorSetup required />;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}

/** Who is signed in, and the way out. */
export function SignedInAs() {
  const session = useQuery({ queryKey: sessionKey, queryFn: getSession, staleTime: 60_000 }).data;
  const queryClient = useQueryClient();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.setQueryData(sessionKey, null);
      // Nothing the signed-out user saw stays in memory.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
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

/** Links to the screens this user's role can use (from the shared permissions table). */
export function MainNavigation() {
  const session = useQuery({ queryKey: sessionKey, queryFn: getSession, staleTime: 60_000 }).data;
  if (!session) return null;
  return (
    <nav aria-label="Main">
      <ul className="main-navigation">
        <li>
          <NavLink to="/" end>
            Programmes
          </NavLink>
        </li>
        {!session.totpEnrolmentRequired && (
          <li>
            <NavLink to="/account">Account</NavLink>
          </li>
        )}
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
        {session.permissions.includes("users.manage") && (
          <li>
            <NavLink to="/users">Users</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
