import type { Role } from "./permissions.ts";

export type GroupRoleMapping = { group: string; role: Exclude<Role, "administrator"> };

/**
 * A person's role from the groups their council's identity provider lists for them. With no
 * mapping the role stays as Fundline has it. With one, the first mapped group they are in decides,
 * and `null` means none is: the council has chosen groups as the truth, so no group, no way in.
 * The claim may be a list or, from some providers, a single string; anything else counts as none.
 */
export function roleFromGroups(
  mappings: readonly GroupRoleMapping[],
  groupsClaim: unknown,
  currentRole: Role,
): Role | null {
  if (mappings.length === 0) return currentRole;
  const groups = new Set(
    Array.isArray(groupsClaim)
      ? groupsClaim.filter((group): group is string => typeof group === "string")
      : typeof groupsClaim === "string"
        ? [groupsClaim]
        : [],
  );
  return mappings.find((mapping) => groups.has(mapping.group))?.role ?? null;
}
