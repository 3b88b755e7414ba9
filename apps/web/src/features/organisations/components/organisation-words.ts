import type { FundResponse, OrganisationResponse } from "@fundline/schemas";

export const ORGANISATION_KINDS: Record<OrganisationResponse["kinds"][number], string> = {
  council: "Council",
  funder: "Funder",
  supplier: "Supplier",
  evaluator: "Evaluator",
};

export const FUND_TYPES: Record<FundResponse["fundType"], string> = {
  capital: "Capital",
  revenue: "Revenue",
};
