import { declareRecord } from "../../lib/records.ts";

// Reference data: every signed-in user sees every fund.
export const fundRecord = declareRecord({ table: "Fund", name: "fund", retires: true, belongsTo: null });
