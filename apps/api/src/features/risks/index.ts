// What other features may use of risks: how a risk is shown.
export { toRiskResponse } from "./risks.ts";
