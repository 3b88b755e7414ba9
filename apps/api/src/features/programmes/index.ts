// What other features may use of programmes: the same filters the programme list applies
// (lead or partner, funder, status, running during a year).
export { programmeFilter } from "./list-programmes.ts";
