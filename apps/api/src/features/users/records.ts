import { declareRecord } from "../../lib/records.ts";

// People and what each role may do are administrators' business, not a programme's.
export const userRecord = declareRecord({ table: "User", name: "user", retires: false, belongsTo: null });
export const rolePolicyRecord = declareRecord({
  table: "RolePolicy",
  name: "role policy",
  retires: false,
  belongsTo: null,
});
