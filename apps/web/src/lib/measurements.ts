import { formatPence } from "@fundline/domain";

/** A benefit's measurement with its unit, as a person reads it: `71.5%`, `£100,000.00`, `25 working days`. */
export function measurementInWords(value: string, unit: string): string {
  if (unit === "%") return `${value}%`;
  if (unit === "pence" && /^-?\d+$/.test(value)) return formatPence(Number(value));
  return `${value} ${unit}`;
}
