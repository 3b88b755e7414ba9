import type { IdentityProviderSettings } from "@fundline/schemas";
import { useQuery } from "@tanstack/react-query";
import { getJson, parse, reach, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";

const councilSignInKey = ["council-sign-in"] as const;

// Loaded with the first answer: the sign-in page stays small.
const schemas = () => import("@fundline/schemas");

/** Councils whose people sign in with their own accounts: asked for before anyone is signed in. */
export const useSingleSignOnCouncils = () =>
  useQuery({
    queryKey: ["single-sign-on-councils"],
    queryFn: async () =>
      parse(
        await reach("/api/sso/councils", { headers: { accept: "application/json" } }),
        (await schemas()).SingleSignOnCouncilsResponse,
      ),
    staleTime: 300_000,
  });

/** Every council, and how each signs in (administrators). */
export const useCouncilSignIn = () =>
  useQuery({
    queryKey: councilSignInKey,
    queryFn: async () => getJson("/api/council-sign-in", (await schemas()).CouncilSignInListResponse),
  });

const refresh = (queryClient: import("@tanstack/react-query").QueryClient) =>
  queryClient.invalidateQueries({ queryKey: councilSignInKey });

export const useSaveIdentityProvider = () =>
  useRefreshingMutation(
    async ({ organisationId, settings }: { organisationId: string; settings: IdentityProviderSettings }) =>
      sendJson(
        "PUT",
        `/api/council-sign-in/${encodeURIComponent(organisationId)}`,
        settings,
        (await schemas()).CouncilSignInResponse,
      ),
    refresh,
  );

export const useRemoveIdentityProvider = () =>
  useRefreshingMutation(
    async (organisationId: string) =>
      sendJson(
        "DELETE",
        `/api/council-sign-in/${encodeURIComponent(organisationId)}`,
        undefined,
        (await schemas()).CouncilSignInResponse,
      ),
    refresh,
  );
