/** A database DATE (midnight UTC) as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function toIsoDateOrNull(date: Date | null): string | null {
  return date === null ? null : toIsoDate(date);
}
