import { declareRecord } from "../../lib/records.ts";

// How a council's people sign in is administrators' business, not a programme's.
export const identityProviderRecord = declareRecord({
  table: "IdentityProvider",
  name: "council sign-in settings",
  retires: false,
  belongsTo: null,
});
