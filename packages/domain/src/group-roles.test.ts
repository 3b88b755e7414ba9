import { describe, expect, it } from "vitest";
import { roleFromGroups } from "./group-roles.ts";

const mappings = [
  { group: "fundline-finance", role: "finance_officer" as const },
  { group: "fundline-readers", role: "viewer" as const },
];

describe("roleFromGroups", () => {
  it("keeps Fundline's role when the council maps no groups", () => {
    expect(roleFromGroups([], ["anything"], "programme_manager")).toBe("programme_manager");
  });
  it("takes the first mapped group the person is in, in the council's order", () => {
    expect(roleFromGroups(mappings, ["fundline-readers", "fundline-finance"], "viewer")).toBe("finance_officer");
    expect(roleFromGroups(mappings, ["staff", "fundline-readers"], "finance_officer")).toBe("viewer");
  });
  it("accepts a single group given as a string", () => {
    expect(roleFromGroups(mappings, "fundline-finance", "viewer")).toBe("finance_officer");
  });
  it("gives no role to someone in none of the mapped groups, or with no groups claim", () => {
    expect(roleFromGroups(mappings, ["staff"], "finance_officer")).toBeNull();
    expect(roleFromGroups(mappings, undefined, "finance_officer")).toBeNull();
    expect(roleFromGroups(mappings, [42, null], "finance_officer")).toBeNull();
  });
});
