// The run is on the PostgreSQL it says: the newest supported by default, the oldest (15) under
// vitest.oldest-postgres.config.ts — so "passes on 15" means what it says.
import { describe, expect, inject, it } from "vitest";
import { withClient } from "./testing.ts";

describe("the test PostgreSQL", () => {
  it.skipIf(process.env.FUNDLINE_TEST_ADMIN_URL)("is the major this run asked for", async () => {
    const major = await withClient(inject("databaseAdminUrl"), async (client) => {
      const result = await client.query<{ server_version_num: string }>("SHOW server_version_num");
      return Math.floor(Number(result.rows[0]?.server_version_num) / 10_000);
    });
    expect(major).toBe(process.env.FUNDLINE_TEST_POSTGRES === "15" ? 15 : 18);
  });
});
