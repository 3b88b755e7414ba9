import type { RiskResponse } from "@fundline/schemas";

export const RISK_STATUS: Record<RiskResponse["status"], { label: string; tone: "grey" | "amber" | "red" }> = {
  open: { label: "Open", tone: "red" },
  mitigating: { label: "Being mitigated", tone: "amber" },
  closed: { label: "Closed", tone: "grey" },
};

export const LIKELIHOOD = [
  { value: 1, label: "1 – Rare" },
  { value: 2, label: "2 – Unlikely" },
  { value: 3, label: "3 – Possible" },
  { value: 4, label: "4 – Likely" },
  { value: 5, label: "5 – Almost certain" },
] as const;

export const IMPACT = [
  { value: 1, label: "1 – Negligible" },
  { value: 2, label: "2 – Minor" },
  { value: 3, label: "3 – Moderate" },
  { value: 4, label: "4 – Major" },
  { value: 5, label: "5 – Severe" },
] as const;

/** Likelihood × impact (1–25), rated as councils' risk registers do. */
export function riskRating(risk: Pick<RiskResponse, "likelihood" | "impact">): {
  score: number;
  label: string;
  tone: "green" | "amber" | "red";
} {
  const score = risk.likelihood * risk.impact;
  if (score >= 15) return { score, label: "High", tone: "red" };
  if (score >= 8) return { score, label: "Medium", tone: "amber" };
  return { score, label: "Low", tone: "green" };
}
