// What other features may use of organisations and funds (reference data).
export { useFunders, useFunds, useOrganisations, useOrganisationsOfKind } from "./api/get-organisations.ts";
export { FunderFilter } from "./components/funder-filter.tsx";
