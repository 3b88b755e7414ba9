import { PERMISSIONS, type Permission } from "@fundline/domain";
import type { SessionResponse } from "@fundline/schemas";
import type { Principal } from "./sessions.ts";

/** The signed-in user, what their role may do, and the CSRF token. */
export function sessionResponse(principal: Principal): SessionResponse {
  return {
    user: {
      id: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      role: principal.role,
      organisation: {
        id: principal.organisationId,
        name: principal.organisationName,
        approvalThresholdPence: principal.approvalThresholdPence,
      },
    },
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
      PERMISSIONS[permission].includes(principal.role),
    ),
    csrfToken: principal.csrfToken,
    expiresAt: principal.expiresAt.toISOString(),
    totpEnabled: principal.totpEnabled,
    totpEnrolmentRequired: principal.enrolmentPending,
  };
}
