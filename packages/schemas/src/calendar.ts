import { z } from "zod";
import { Uuid } from "./common.ts";

/** A person's calendar feed: whether they have one, and since when (the address is never shown again). */
export const CalendarFeedResponse = z.object({ createdAt: z.string().nullable() });
export type CalendarFeedResponse = z.infer<typeof CalendarFeedResponse>;

/** A new address, shown this once: the path under the site (`/api/calendar/…/milestones.ics`). */
export const NewCalendarFeedResponse = z.object({ createdAt: z.string(), path: z.string() });
export type NewCalendarFeedResponse = z.infer<typeof NewCalendarFeedResponse>;

/** The secret in a feed's address: 32 random bytes, base64url. */
export const CalendarFeedParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a feed address"),
});

/** Just one programme's milestones (otherwise every programme the person can see). */
export const CalendarFeedQuery = z.strictObject({ programmeId: Uuid.optional() });
export type CalendarFeedQuery = z.infer<typeof CalendarFeedQuery>;
