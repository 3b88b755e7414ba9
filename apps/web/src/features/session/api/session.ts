import type { SessionResponse, SignInRequest } from "@fundline/schemas";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestPageFocus } from "../../../components/page/focus.ts";
import { parse, reach, rememberCsrfToken, sendJson, sendWithoutAnswer } from "../../../lib/api-client.ts";

/** Who is signed in: kept when everything else is cleared at sign-out. */
export const sessionKey = ["session"] as const;

// The schemas (and zod) load with the first answer that needs checking, not with the sign-in
// page: someone signed out gets a 401 and sees the form without them.
const schemas = () => import("@fundline/schemas");

/** The signed-in session, or null when signed out. */
export async function getSession(): Promise<SessionResponse | null> {
  const response = await reach("/api/session", { headers: { accept: "application/json" } });
  if (response.status === 401) {
    rememberCsrfToken(null);
    return null;
  }
  const session = await parse(response, (await schemas()).SessionResponse);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function signIn(credentials: SignInRequest): Promise<SessionResponse> {
  const session = await sendJson("POST", "/api/session", credentials, (await schemas()).SessionResponse);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await sendWithoutAnswer("DELETE", "/api/session");
  rememberCsrfToken(null);
}

export async function acceptInvitation(acceptance: { token: string; password: string }): Promise<SessionResponse> {
  const session = await sendJson("POST", "/api/invitations/accept", acceptance, (await schemas()).SessionResponse);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export const startTotp = async () =>
  sendJson("POST", "/api/session/totp", undefined, (await schemas()).TotpEnrolmentResponse);

export async function confirmTotp(code: string): Promise<SessionResponse> {
  return sendJson("POST", "/api/session/totp/confirm", { code }, (await schemas()).SessionResponse);
}

export const sessionQueryOptions = () => queryOptions({ queryKey: sessionKey, queryFn: getSession, staleTime: 60_000 });

/** The session query itself: null when signed out. */
export const useSessionQuery = () => useQuery(sessionQueryOptions());

/** A new session replaces the old; the next page's heading takes focus. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (session: SessionResponse) => {
    requestPageFocus();
    queryClient.setQueryData(sessionKey, session);
  };
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn, onSuccess: useStartSession() });
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: acceptInvitation, onSuccess: useStartSession() });
}

export function useStartTotp() {
  return useMutation({ mutationFn: startTotp });
}

export function useConfirmTotp() {
  return useMutation({ mutationFn: confirmTotp, onSuccess: useStartSession() });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.setQueryData(sessionKey, null);
      // Nothing the signed-out user saw stays in memory.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
