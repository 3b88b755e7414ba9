/**
 * Who may do what: the one table the API enforces and the web app reads to hide what a user
 * cannot do. Scope (which programmes) is separate: see `seesEveryProgramme`.
 */
export const ROLES = ["administrator", "finance_officer", "programme_manager", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  administrator: "Administrator",
  finance_officer: "Finance officer",
  programme_manager: "Programme manager",
  viewer: "Viewer",
};

export type Permission =
  /** See programmes in scope and reference data. */
  | "read"
  /** Organisations and funds. */
  | "reference.write"
  /** Programmes, their partners and workstreams. */
  | "programme.write"
  /** Commitments, receipts, allocations, cost lines, cost-sharing, spend, decisions, imports. */
  | "money.write"
  /** Milestones, deliverables, benefits and risks (a programme manager's only where assigned). */
  | "delivery.write"
  /** Users, their roles and the role security policy. */
  | "users.manage"
  /** The audit trail. */
  | "audit.read";

export const PERMISSIONS: Record<Permission, readonly Role[]> = {
  read: ROLES,
  "reference.write": ["administrator"],
  "programme.write": ["administrator"],
  "money.write": ["administrator", "finance_officer"],
  "delivery.write": ["administrator", "programme_manager"],
  "users.manage": ["administrator"],
  "audit.read": ["administrator", "finance_officer"],
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[permission].includes(role);
}

/** Administrators see every programme; everyone else those their organisation leads or partners. */
export function seesEveryProgramme(role: Role): boolean {
  return role === "administrator";
}

/** Programme managers change delivery records only on programmes they are assigned to. */
export function needsAssignment(role: Role, permission: Permission): boolean {
  return role === "programme_manager" && permission === "delivery.write";
}

/**
 * On a shared programme a money record is the record of the council whose books it is in: only
 * that council's users (with the permission) and administrators change it; partners read it.
 */
export function changesRecordsOf(user: { role: Role; organisationId: string }, ownerId: string | null): boolean {
  return seesEveryProgramme(user.role) || user.organisationId === ownerId;
}

/**
 * Who may add cost lines, workstreams and cost-sharing agreements to a programme: its lead
 * council, a partner the lead has granted the right (while it takes part), and administrators.
 */
export function shapesProgramme(
  user: { role: Role; organisationId: string },
  programme: {
    leadOrganisationId: string;
    partners: readonly { organisationId: string; mayAddCostLines: boolean; withdrewOn: string | null }[];
  },
  today: string,
): boolean {
  if (seesEveryProgramme(user.role) || programme.leadOrganisationId === user.organisationId) return true;
  return programme.partners.some(
    (partner) =>
      partner.organisationId === user.organisationId &&
      partner.mayAddCostLines &&
      (partner.withdrewOn === null || partner.withdrewOn > today),
  );
}
