/** Today's date in the UK (`YYYY-MM-DD`), whatever the computer's time zone: what "overdue" is measured from. */
export function todayInTheUk(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}
