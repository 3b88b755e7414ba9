// What other features may use of organisations and funds (reference data).
export { useFunders, useFunds, useOrganisations } from "./api/get-organisations.ts";
