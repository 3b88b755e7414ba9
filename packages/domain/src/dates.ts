/** A database DATE (midnight UTC) as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function toIsoDateOrNull(date: Date | null): string | null {
  return date === null ? null : toIsoDate(date);
}

/** `YYYY-MM-DD` as a database DATE (midnight UTC); null and undefined pass through unchanged. */
export function fromIsoDate(iso: string): Date;
export function fromIsoDate(iso: string | null): Date | null;
export function fromIsoDate(iso: string | undefined): Date | undefined;
export function fromIsoDate(iso: string | null | undefined): Date | null | undefined;
export function fromIsoDate(iso: string | null | undefined): Date | null | undefined {
  return iso === null || iso === undefined ? iso : new Date(`${iso}T00:00:00Z`);
}
