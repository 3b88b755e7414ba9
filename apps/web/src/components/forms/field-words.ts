import { formatDate } from "@fundline/domain";

/**
 * A value a field could not read into what its schema expects: the text stays in the field,
 * and the schema refuses this stand-in so the person is told, in words, what to change.
 */
export class Unreadable {
  constructor(readonly kind: "date" | "partial date" | "money" | "count") {}
}

const UNREADABLE_WORDS: Record<Unreadable["kind"], string> = {
  date: "must be a real date, for example 27 3 2026",
  "partial date": "must include a day, a month and a year",
  money: "must be an amount of money, like £1,234.56 or 1234",
  count: "must be a whole number, like 12",
};

/**
 * What a person is told about a field, from the schema's or the API's message: unreadable input
 * in words, and any `YYYY-MM-DD` in the message shown as the app shows dates.
 */
export function fieldProblemInWords(value: unknown, message: string): string {
  if (value instanceof Unreadable) return UNREADABLE_WORDS[value.kind];
  if (value === "" && message.includes("YYYY-MM-DD")) return "must include a day, a month and a year";
  return message.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso));
}
