// What other features may use of organisations.
export { useOrganisations } from "./api/get-organisations.ts";
