// Closed periods: a council's closed month or financial year refuses every write dated inside it
// (by every route and by import), with a sentence naming the period and who closed it; re-opening
// takes a second person, with a reason, audited.
import { formatDate, todayInTheUk } from "@fundline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, type SignedIn, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
let farah: SignedIn;
let sam: SignedIn;
let commitmentId: string;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
  commitmentId = (
    await test.prisma.fundingCommitment.findFirstOrThrow({
      where: { programmeId: dartington.programmeId, retiredAt: null },
    })
  ).id;
  // Two finance officers of the council whose books the Dartington programme's money is in.
  const oldham = await test.prisma.organisation.findFirstOrThrow({ where: { name: "Oldham Council" } });
  farah = await test.signInNew({ role: "finance_officer", organisationId: oldham.id, email: "farah@periods.test" });
  sam = await test.signInNew({ role: "finance_officer", organisationId: oldham.id, email: "sam@periods.test" });
});
afterAll(() => test.close());

const today = formatDate(todayInTheUk());
const closedBy = async (as: SignedIn) => (await as.inject({ url: "/api/session" })).json().user.displayName as string;
const MARCH = async () =>
  `is in March 2020, which ${await closedBy(farah)} closed on ${today}: nothing dated in it can change until it is re-opened (one person asks, with a reason; another agrees)`;

const spend = (as: SignedIn, spentOn: string) =>
  as.inject({
    method: "POST",
    url: "/api/spend",
    payload: {
      programmeId: dartington.programmeId,
      costLineId: dartington.costLineId,
      spentOn,
      amountPence: 1_000,
      supplierName: "Dartington Service Design Lab",
    },
  });

describe("closed periods", () => {
  let march: { id: string; version: number };
  // A payment recorded in March before it is closed.
  let inMarch: { id: string; version: number };
  beforeAll(async () => {
    inMarch = (await spend(sam, "2020-03-10")).json();
  });

  it("closes a month for the council, audited, and refuses to close it, or a year holding it, twice", async () => {
    const response = await farah.inject({
      method: "POST",
      url: "/api/periods",
      payload: { kind: "month", month: "2020-03" },
    });
    expect(response.statusCode, response.body).toBe(201);
    march = response.json();
    expect(response.json()).toMatchObject({
      kind: "month",
      label: "March 2020",
      startsOn: "2020-03-01",
      endsOn: "2020-03-31",
      reopenedAt: null,
    });
    const audit = await test.prisma.auditEvent.findFirstOrThrow({ where: { entityId: march.id } });
    expect(audit).toMatchObject({ entityType: "PeriodClose", action: "create" });

    const again = await sam.inject({
      method: "POST",
      url: "/api/periods",
      payload: { kind: "month", month: "2020-03" },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().fields).toEqual([{ path: "month", message: "March 2020 is closed already" }]);
    const year = await sam.inject({
      method: "POST",
      url: "/api/periods",
      payload: { kind: "year", financialYear: "2019/20" },
    });
    expect(year.json().fields).toEqual([
      { path: "financialYear", message: "2019/20 overlaps March 2020, which is closed: a period is closed once" },
    ]);
    const bad = await sam.inject({ method: "POST", url: "/api/periods", payload: { kind: "month", month: "2020-13" } });
    expect(bad.statusCode).toBe(400);
  });

  it("refuses a payment dated in it, naming the day, the period and who closed it", async () => {
    const response = await spend(sam, "2020-03-15");
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().fields).toEqual([
      { path: "spentOn", message: `${formatDate("2020-03-15")} ${await MARCH()}` },
    ]);
    // Next to it, April is open.
    expect((await spend(sam, "2020-04-01")).statusCode).toBe(201);
  });

  it("refuses changing, moving into it or retiring a payment dated in it, and a receipt dated in it", async () => {
    const change = await sam.inject({
      method: "PATCH",
      url: `/api/spend/${inMarch.id}`,
      payload: { version: inMarch.version, purpose: "Corrected" },
    });
    expect(change.statusCode, change.body).toBe(422);
    const retire = await sam.inject({
      method: "POST",
      url: `/api/spend/${inMarch.id}/retire`,
      payload: { reason: "wrong", version: inMarch.version },
    });
    expect(retire.statusCode, retire.body).toBe(422);
    const april = (await spend(sam, "2020-04-02")).json();
    const moved = await sam.inject({
      method: "PATCH",
      url: `/api/spend/${april.id}`,
      payload: { version: april.version, spentOn: "2020-03-31" },
    });
    expect(moved.json().fields).toEqual([{ path: "spentOn", message: `${formatDate("2020-03-31")} ${await MARCH()}` }]);
    const receipt = await sam.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: commitmentId, receivedOn: "2020-03-02", amountPence: 100 },
    });
    expect(receipt.statusCode, receipt.body).toBe(422);
    expect(receipt.json().fields).toEqual([
      { path: "receivedOn", message: `${formatDate("2020-03-02")} ${await MARCH()}` },
    ]);
  });

  it("refuses making, changing or retiring an allocation that shares out a payment dated in it", async () => {
    // inMarch is on the Dartington line and named to no commitment: the line's allocations share it.
    const onTheLine = await test.prisma.allocation.findFirstOrThrow({
      where: { costLineId: dartington.costLineId, retiredAt: null },
    });
    const sentence = `the line has a payment of ${formatDate("2020-03-10")} not named to a commitment, in March 2020, which ${await closedBy(farah)} closed on ${today}: its allocations share that payment out, so they cannot change until it is re-opened (one person asks, with a reason; another agrees)`;
    const refusals = [
      await sam.inject({
        method: "POST",
        url: "/api/allocations",
        payload: { commitmentId: onTheLine.commitmentId, costLineId: dartington.costLineId, amountPence: 0 },
      }),
      await sam.inject({
        method: "PATCH",
        url: `/api/allocations/${onTheLine.id}`,
        payload: { version: onTheLine.version, amountPence: Number(onTheLine.amountPence) - 1 },
      }),
      await sam.inject({
        method: "POST",
        url: `/api/allocations/${onTheLine.id}/retire`,
        payload: { version: onTheLine.version, reason: "Moved to another line" },
      }),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().fields).toEqual([{ path: "amountPence", message: sentence }]);
    }
    const unchanged = await test.prisma.allocation.findUniqueOrThrow({ where: { id: onTheLine.id } });
    expect(unchanged).toMatchObject({
      amountPence: onTheLine.amountPence,
      retiredAt: null,
      version: onTheLine.version,
    });
    // Its note moves no figure.
    const noted = await sam.inject({
      method: "PATCH",
      url: `/api/allocations/${onTheLine.id}`,
      payload: { version: onTheLine.version, note: "Checked at the March close" },
    });
    expect(noted.statusCode, noted.body).toBe(200);
    // A line whose payments in March are all named (here: it has none) is open.
    const elsewhere = await test.prisma.costLine.create({
      data: { programmeId: dartington.programmeId, name: "Closed-period test line" },
    });
    const open = await sam.inject({
      method: "POST",
      url: "/api/allocations",
      payload: { commitmentId: onTheLine.commitmentId, costLineId: elsewhere.id, amountPence: 0 },
    });
    expect(open.statusCode, open.body).toBe(201);
  });

  it("sets aside an import's rows dated in it, saying why, and imports the rest", async () => {
    const response = await uploadLedger(
      sam,
      { mode: "preview", sourceName: "Periods ledger" },
      {
        name: "march.csv",
        content: [
          "Date,Transaction Number,Net Amount,Supplier Name,Cost Centre",
          "30/03/2020,PC-1,10.00,Dartington,EY-DSDL",
          "01/04/2020,PC-2,20.00,Dartington,EY-DSDL",
        ].join("\n"),
      },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ importable: 1, importablePence: 2_000, setAside: 1, setAsidePence: 1_000 });
    expect(response.json().problems).toEqual([
      { line: 2, kind: "closedPeriod", reason: `dated ${(await MARCH()).replace(/^is /, "")}` },
    ]);
  });

  it("re-opens only when a second person agrees to the first's request: never the one who asked", async () => {
    const noRequest = await sam.inject({
      method: "POST",
      url: `/api/periods/${march.id}/reopen`,
      payload: { version: march.version },
    });
    expect(noRequest.statusCode).toBe(422);
    const asked = await farah.inject({
      method: "POST",
      url: `/api/periods/${march.id}/reopen-request`,
      payload: { version: march.version, reason: "A late invoice from Dartington" },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ reopenReason: "A late invoice from Dartington", reopenedAt: null });
    // Still closed while only asked.
    expect((await spend(sam, "2020-03-16")).statusCode).toBe(422);

    const own = await farah.inject({
      method: "POST",
      url: `/api/periods/${march.id}/reopen`,
      payload: { version: asked.json().version },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe(
      "You asked for March 2020 to be re-opened: another finance officer or an administrator of your council must agree.",
    );
    const stale = await sam.inject({
      method: "POST",
      url: `/api/periods/${march.id}/reopen`,
      payload: { version: march.version },
    });
    expect(stale.statusCode).toBe(409);
    const stockport = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Stockport" } } });
    const elsewhere = await test.signInNew({ role: "finance_officer", organisationId: stockport.id });
    const theirs = await elsewhere.inject({
      method: "POST",
      url: `/api/periods/${march.id}/reopen`,
      payload: { version: asked.json().version },
    });
    expect(theirs.statusCode).toBe(404);

    const reopened = await sam.inject({
      method: "POST",
      url: `/api/periods/${march.id}/reopen`,
      payload: { version: asked.json().version },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().reopenedBy.displayName).toBe(await closedBy(sam));
    expect((await spend(sam, "2020-03-16")).statusCode).toBe(201);
    const trail = await test.prisma.auditEvent.findMany({
      where: { entityId: march.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(trail.map((event) => [event.action, event.reason])).toEqual([
      ["create", null],
      ["update", "A late invoice from Dartington"],
      ["update", null],
    ]);
  });

  it("refuses a change to a closed financial year's profile, and lets the other years change", async () => {
    const closed = await farah.inject({
      method: "POST",
      url: "/api/periods",
      payload: { kind: "year", financialYear: "2021/22" },
    });
    expect(closed.statusCode, closed.body).toBe(201);
    const commitment = (await sam.inject({ url: `/api/commitments/${commitmentId}` })).json();
    const profile = commitment.profile as { financialYear: string; amountPence: number }[];
    expect(profile.map((year) => year.financialYear)).not.toContain("2021/22");
    // A penny moved from the first year into the closed one.
    const [first, ...rest] = profile;
    if (!first) throw new Error("the commitment has no profile");
    const intoClosed = await sam.inject({
      method: "PATCH",
      url: `/api/commitments/${commitmentId}`,
      payload: {
        version: commitment.version,
        profile: [
          { ...first, amountPence: first.amountPence - 1 },
          ...rest,
          { financialYear: "2021/22", amountPence: 1 },
        ],
      },
    });
    expect(intoClosed.statusCode, intoClosed.body).toBe(422);
    expect(intoClosed.json().fields).toEqual([
      {
        path: "profile",
        message: `2021/22 is in 2021/22, which ${await closedBy(farah)} closed on ${today}: its profile cannot change until it is re-opened (one person asks, with a reason; another agrees)`,
      },
    ]);
    const sameYears = await sam.inject({
      method: "PATCH",
      url: `/api/commitments/${commitmentId}`,
      payload: { version: commitment.version, title: `${commitment.title} (checked)`, profile },
    });
    expect(sameYears.statusCode, sameYears.body).toBe(200);
  });
});
