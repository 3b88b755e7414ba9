import { describe, expect, it } from "vitest";
import { requestLogFields } from "./request-log.ts";

describe("a request's log line", () => {
  it("keeps the path without its query string", () => {
    expect(requestLogFields({ id: "r1", method: "GET", url: "/api/spend?supplier=Jane%20Smith" })).toEqual({
      id: "r1",
      method: "GET",
      path: "/api/spend",
    });
  });

  it("leaves out the secret in a calendar feed's address", () => {
    const secret = "2Hn2OcnicwMILbP7-p2nLuUOmTNquzWTTL8lXr0W2QI";
    const logged = requestLogFields({
      id: "r2",
      method: "GET",
      url: `/api/calendar/${secret}/milestones.ics?programmeId=x`,
    });
    expect(logged.path).toBe("/api/calendar/(secret)/milestones.ics");
    expect(JSON.stringify(logged)).not.toContain(secret);
  });

  it("leaves out the secret in an email's unsubscribe link", () => {
    const secret = "Qx1OcnicwMILbP7-p2nLuUOmTNquzWTTL8lXr0W2QI9";
    const logged = requestLogFields({ id: "r3", method: "POST", url: `/api/weekly-digest/unsubscribe/${secret}` });
    expect(logged.path).toBe("/api/weekly-digest/unsubscribe/(secret)");
    expect(JSON.stringify(logged)).not.toContain(secret);
  });
});
