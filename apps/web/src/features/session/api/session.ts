import { SessionResponse, type SignInRequest, TotpEnrolmentResponse } from "@fundline/schemas";
import { z } from "zod";
import { ApiError, getJson, rememberCsrfToken, sendJson } from "../../../lib/api-client.ts";

export const sessionKey = ["session"] as const;

/** The signed-in session, or null when signed out. */
export async function getSession(): Promise<SessionResponse | null> {
  try {
    const session = await getJson("/api/session", SessionResponse);
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(credentials: SignInRequest): Promise<SessionResponse> {
  const session = await sendJson("POST", "/api/session", credentials, SessionResponse);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await sendJson("DELETE", "/api/session", undefined, z.null());
  rememberCsrfToken(null);
}

export async function acceptInvitation(acceptance: { token: string; password: string }): Promise<SessionResponse> {
  const session = await sendJson("POST", "/api/invitations/accept", acceptance, SessionResponse);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export const startTotp = () => sendJson("POST", "/api/session/totp", undefined, TotpEnrolmentResponse);

export async function confirmTotp(code: string): Promise<SessionResponse> {
  return sendJson("POST", "/api/session/totp/confirm", { code }, SessionResponse);
}
