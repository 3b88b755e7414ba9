// The database's own logic has one home, prisma/sql/: a migrated database holds exactly the
// functions and triggers written there, no more, no fewer, no other body. And where a rule
// lives in SQL as well as TypeScript (the financial year), the two agree on random days.
import { financialYearOf } from "@fundline/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { definitionChanges, liveDefinitions, writtenDefinitions } from "./sql-home.ts";
import { createTestDatabase, withClient } from "./testing.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase(inject("databaseAdminUrl"));
});
afterAll(() => database.drop());

describe("prisma/sql", () => {
  it("holds exactly the functions and triggers of a migrated database", async () => {
    const live = (await withClient(database.url, liveDefinitions)).map((definition) => definition.text);
    const written = (await writtenDefinitions()).map((definition) => definition.text);
    expect(live.length).toBeGreaterThan(70);
    expect({ missingFromSqlFolder: live.filter((definition) => !written.includes(definition)) }).toEqual({
      missingFromSqlFolder: [],
    });
    expect({ notInDatabase: written.filter((definition) => !live.includes(definition)) }).toEqual({
      notInDatabase: [],
    });
    expect(new Set(written).size).toBe(written.length);
  });

  it("gives new migrations the SQL that brings a database back to what it says", async () => {
    const drifted = await createTestDatabase(inject("databaseAdminUrl"));
    try {
      await withClient(drifted.url, async (client) => {
        // A changed body, a lost trigger and one nobody wrote down.
        await client.query(`CREATE OR REPLACE FUNCTION public.fundline_refuse_truncate() RETURNS trigger LANGUAGE plpgsql
          AS $function$ BEGIN RETURN NULL; END $function$`);
        await client.query(`DROP TRIGGER "Spend_totals_update" ON public."Spend"`);
        await client.query(`CREATE TRIGGER "Spend_stray" AFTER INSERT ON public."Spend"
          FOR EACH STATEMENT EXECUTE FUNCTION fundline_refuse_truncate()`);
        const changes = definitionChanges(await liveDefinitions(client), await writtenDefinitions());
        expect(changes).toContain('DROP TRIGGER IF EXISTS "Spend_stray" ON public."Spend";');
        expect(changes).toContain("CREATE OR REPLACE FUNCTION public.fundline_refuse_truncate()");
        expect(changes).toContain('CREATE TRIGGER "Spend_totals_update"');
        await client.query(changes);
        expect(definitionChanges(await liveDefinitions(client), await writtenDefinitions())).toBe("");
      });
    } finally {
      await drifted.drop();
    }
  });

  it("puts every day in the same financial year in SQL as in TypeScript", async () => {
    const days = fc.sample(fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), {
      numRuns: 2_000,
      seed: 20_261_130,
    });
    // The ends of the year, where an off-by-one would show.
    const edges = ["2019-03-31", "2019-04-01", "2020-02-29", "2000-03-31", "2000-04-01", "2100-12-31", "1990-01-01"];
    const isoDays = [...edges, ...days.map((day) => day.toISOString().slice(0, 10))];
    const fromSql = await withClient(database.url, (client) =>
      client
        .query<{ year: number }>("SELECT fundline_financial_year(day::date) AS year FROM unnest($1::text[]) AS day", [
          isoDays,
        ])
        .then((result) => result.rows.map((row) => row.year)),
    );
    expect(fromSql).toEqual(isoDays.map((day) => financialYearOf(day)));
  });
  it("counts a payment outside a programme's dates only before its first day or after its last", async () => {
    const cases = [
      ["2020-03-31", "2020-04-01", "2024-03-31", true],
      ["2020-04-01", "2020-04-01", "2024-03-31", false],
      ["2024-03-31", "2020-04-01", "2024-03-31", false],
      ["2024-04-01", "2020-04-01", "2024-03-31", true],
      ["1990-01-01", null, "2024-03-31", false],
      ["2099-01-01", "2020-04-01", null, false],
      ["2099-01-01", null, null, false],
    ] as const;
    const outside = await withClient(database.url, (client) =>
      client
        .query<{ outside: boolean | null }>(
          `SELECT fundline_spent_outside_programme_dates(spent_on, start_on, end_on) AS outside
           FROM unnest($1::date[], $2::date[], $3::date[]) WITH ORDINALITY AS day(spent_on, start_on, end_on, n) ORDER BY n`,
          [cases.map((row) => row[0]), cases.map((row) => row[1]), cases.map((row) => row[2])],
        )
        .then((result) => result.rows.map((row) => row.outside === true)),
    );
    expect(outside).toEqual(cases.map((row) => row[3]));
  });
});
