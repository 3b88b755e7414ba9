// On a shared programme a partner reads the lead's money records but changes only its own
// (issue: shared-programme ownership). The expectations below are written by hand from the rule
// ("a money record is its owning council's; the programme's structure and partners are the
// lead's unless it grants a partner the right"), not derived from the routes' scope rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type SignedIn, type TestApp } from "./test-app.ts";

let test: TestApp;
let oldham: SignedIn;
let stockport: SignedIn;
const ids: Record<string, string> = {};

beforeAll(async () => {
  test = await buildTestApp();
  const prisma = test.prisma;
  const council = (name: string) => prisma.organisation.create({ data: { name, kinds: ["council", "funder"] } });
  const [oldhamCouncil, stockportCouncil, funder] = await Promise.all([
    council("Oldham Council (ownership test)"),
    council("Stockport Council (ownership test)"),
    prisma.organisation.create({ data: { name: "Ownership test funder", kinds: ["funder"] } }),
  ]);
  oldham = await test.signInNew({ role: "finance_officer", organisationId: oldhamCouncil.id });
  stockport = await test.signInNew({ role: "finance_officer", organisationId: stockportCouncil.id });
  const programme = await prisma.programme.create({
    data: {
      name: "Ownership test shared programme",
      leadOrganisationId: oldhamCouncil.id,
      status: "approved",
      partners: {
        create: [
          { organisationId: oldhamCouncil.id, role: "lead" },
          { organisationId: stockportCouncil.id, role: "partner" },
        ],
      },
    },
    include: { partners: true },
  });
  const fund = await prisma.fund.create({ data: { funderId: funder.id, name: "Ownership fund", fundType: "revenue" } });
  // One of each money record, for each council: Oldham's (the lead's) and Stockport's.
  for (const [who, owner] of [
    ["oldham", oldhamCouncil.id],
    ["stockport", stockportCouncil.id],
  ] as const) {
    const line = await prisma.costLine.create({
      data: { programmeId: programme.id, name: `${who} line`, ledgerCode: `OWN-${who}`, ownerOrganisationId: owner },
    });
    const commitment = await prisma.fundingCommitment.create({
      data: {
        fundId: fund.id,
        programmeId: programme.id,
        title: `${who} grant`,
        amountPence: 1_000_000n,
        status: "awarded",
        ownerOrganisationId: owner,
      },
    });
    const spend = await prisma.spend.create({
      data: {
        programmeId: programme.id,
        costLineId: line.id,
        spentOn: new Date("2024-05-01"),
        amountPence: 12_345n,
        supplierName: `${who} supplier`,
        ownerOrganisationId: owner,
      },
    });
    const receipt = await prisma.receipt.create({
      data: {
        commitmentId: commitment.id,
        receivedOn: new Date("2024-05-01"),
        amountPence: 100n,
        ownerOrganisationId: owner,
      },
    });
    const allocation = await prisma.allocation.create({
      data: { commitmentId: commitment.id, costLineId: line.id, amountPence: 100n, ownerOrganisationId: owner },
    });
    const agreement = await prisma.costSharingAgreement.create({
      data: {
        programmeId: programme.id,
        name: `${who} agreement`,
        ownerOrganisationId: owner,
        shares: {
          create: [
            { organisationId: oldhamCouncil.id, parts: 1 },
            { organisationId: stockportCouncil.id, parts: 1 },
          ],
        },
      },
    });
    const batch = await prisma.importBatch.create({
      data: {
        sourceName: `${who} ledger`,
        fileName: "ledger.csv",
        fileSha256: "0".repeat(64),
        rowCount: 0,
        totalPence: 0n,
        organisationId: owner,
        createdById: who === "oldham" ? oldham.userId : stockport.userId,
      },
    });
    Object.assign(ids, {
      [`${who}.line`]: line.id,
      [`${who}.commitment`]: commitment.id,
      [`${who}.spend`]: spend.id,
      [`${who}.receipt`]: receipt.id,
      [`${who}.allocation`]: allocation.id,
      [`${who}.agreement`]: agreement.id,
      [`${who}.import`]: batch.id,
    });
  }
  const workstream = await prisma.workstream.create({ data: { programmeId: programme.id, name: "Ownership work" } });
  Object.assign(ids, {
    programme: programme.id,
    workstream: workstream.id,
    stockportPartner: programme.partners.find((partner) => partner.organisationId === stockportCouncil.id)!.id,
  });
});
afterAll(() => test.close());

// Every write route that names a money record or shapes the programme, with the record it names
// and what the partner (Stockport) and the owner (Oldham) get when it is Oldham's. Bodies are
// empty but for the reference: "through" is any answer past authorisation (400 for the rest).
const OLDHAMS = [
  ["PATCH", "/api/spend/:id", "oldham.spend"],
  ["POST", "/api/spend/:id/retire", "oldham.spend"],
  ["POST", "/api/spend", { costLineId: "oldham.line" }],
  ["PATCH", "/api/receipts/:id", "oldham.receipt"],
  ["POST", "/api/receipts/:id/retire", "oldham.receipt"],
  ["POST", "/api/receipts", { commitmentId: "oldham.commitment" }],
  ["PATCH", "/api/commitments/:id", "oldham.commitment"],
  ["POST", "/api/commitments/:id/retire", "oldham.commitment"],
  ["PATCH", "/api/allocations/:id", "oldham.allocation"],
  ["POST", "/api/allocations/:id/retire", "oldham.allocation"],
  ["POST", "/api/allocations", { commitmentId: "oldham.commitment" }],
  ["PATCH", "/api/cost-lines/:id", "oldham.line"],
  ["POST", "/api/cost-lines/:id/retire", "oldham.line"],
  ["PATCH", "/api/cost-sharing-agreements/:id", "oldham.agreement"],
  ["POST", "/api/cost-sharing-agreements/:id/retire", "oldham.agreement"],
  ["POST", "/api/imports/spend/:id/reverse", "oldham.import"],
  ["POST", "/api/programmes/:id/cost-lines", "programme"],
  ["POST", "/api/programmes/:id/cost-sharing-agreements", "programme"],
  ["PATCH", "/api/partners/:id/rights", "stockportPartner"],
] as const;

type Route = (typeof OLDHAMS)[number];
// The same routes naming Stockport's own records (the programme's structure stays the lead's).
const NAMING_A_RECORD = OLDHAMS.filter((route) => JSON.stringify(route[2]).includes("oldham."));

async function outcome(as: SignedIn, [method, url, named]: Route, swap = false): Promise<string> {
  const pick = (key: string) => ids[swap ? key.replace("oldham.", "stockport.") : key]!;
  const response = await as.inject({
    method,
    url: typeof named === "string" ? url.replace(":id", pick(named)) : url,
    payload:
      typeof named === "string"
        ? {}
        : Object.fromEntries(Object.entries(named).map(([field, key]) => [field, pick(key)])),
  });
  if (response.statusCode === 403) return `403 ${response.json().message}`;
  return response.statusCode === 401 || response.statusCode === 404 ? `${response.statusCode}` : "through";
}

describe("a partner on a shared programme", () => {
  it("is refused, with a sentence naming the owner, every write to the lead's money records and structure", async () => {
    const got = [];
    for (const route of OLDHAMS) got.push([`${route[0]} ${route[1]}`, await outcome(stockport, route)]);
    const owner = "Oldham Council (ownership test)";
    const changeIt = (noun: string) =>
      `403 This ${noun} is ${owner}'s: only ${owner} can change it. Your council can read it.`;
    const shape = `403 Only ${owner}, which leads this programme, can add cost lines and workstreams to it, unless it grants your council that right.`;
    expect(got).toEqual([
      ["PATCH /api/spend/:id", changeIt("payment")],
      ["POST /api/spend/:id/retire", changeIt("payment")],
      [
        "POST /api/spend",
        `403 This cost line is ${owner}'s: your council can record spend only against its own cost lines, unless ${owner}, which leads the programme, grants it the right.`,
      ],
      ["PATCH /api/receipts/:id", changeIt("receipt")],
      ["POST /api/receipts/:id/retire", changeIt("receipt")],
      ["POST /api/receipts", changeIt("commitment")],
      ["PATCH /api/commitments/:id", changeIt("commitment")],
      ["POST /api/commitments/:id/retire", changeIt("commitment")],
      ["PATCH /api/allocations/:id", changeIt("allocation")],
      ["POST /api/allocations/:id/retire", changeIt("allocation")],
      ["POST /api/allocations", changeIt("commitment")],
      ["PATCH /api/cost-lines/:id", changeIt("cost line")],
      ["POST /api/cost-lines/:id/retire", changeIt("cost line")],
      ["PATCH /api/cost-sharing-agreements/:id", changeIt("cost-sharing agreement")],
      ["POST /api/cost-sharing-agreements/:id/retire", changeIt("cost-sharing agreement")],
      // An import is seen only by its own council: to a partner it does not exist.
      ["POST /api/imports/spend/:id/reverse", "404"],
      ["POST /api/programmes/:id/cost-lines", shape],
      ["POST /api/programmes/:id/cost-sharing-agreements", shape],
      [
        "PATCH /api/partners/:id/rights",
        `403 Only ${owner}, which leads this programme, decides what its partners may do.`,
      ],
    ]);
  });

  it("still reads them, each named with the council whose books it is in", async () => {
    const spend = await stockport.inject({ url: `/api/spend/${ids["oldham.spend"]}` });
    expect(spend.statusCode).toBe(200);
    expect(spend.json()).toMatchObject({ amountPence: 12_345, owner: { name: "Oldham Council (ownership test)" } });

    const commitment = (await stockport.inject({ url: `/api/commitments/${ids["oldham.commitment"]}` })).json();
    expect(commitment.owner.name).toBe("Oldham Council (ownership test)");
    expect(commitment.receipts.map((receipt: { owner: { name: string } }) => receipt.owner.name)).toEqual([
      "Oldham Council (ownership test)",
    ]);
    expect(commitment.allocations.map((allocation: { owner: { name: string } }) => allocation.owner.name)).toEqual([
      "Oldham Council (ownership test)",
    ]);

    const money = (await stockport.inject({ url: `/api/programmes/${ids.programme}/reconciliation` })).json();
    const ownerOf = (rows: { name: string; owner: { name: string } }[]) =>
      Object.fromEntries(rows.map((row) => [row.name, row.owner.name]));
    expect(ownerOf(money.costLines)).toMatchObject({
      "oldham line": "Oldham Council (ownership test)",
      "stockport line": "Stockport Council (ownership test)",
    });
    expect(ownerOf(money.costSharing)).toEqual({
      "oldham agreement": "Oldham Council (ownership test)",
      "stockport agreement": "Stockport Council (ownership test)",
    });
  });

  it("changes its own records on the lead's programme", async () => {
    const got = [];
    for (const route of NAMING_A_RECORD) got.push(`${route[0]} ${route[1]}: ${await outcome(stockport, route, true)}`);
    expect(got.filter((line) => !line.endsWith(": through"))).toEqual([]);
  });

  it("leaves the lead free to change its own, and an administrator anyone's", async () => {
    for (const as of [oldham, { inject: test.inject } as SignedIn]) {
      const got = [];
      for (const route of OLDHAMS) got.push(`${route[0]} ${route[1]}: ${await outcome(as, route)}`);
      expect(got.filter((line) => !line.endsWith(": through"))).toEqual([]);
    }
  });

  it("writes nothing when refused", async () => {
    const before = await test.prisma.spend.findUniqueOrThrow({ where: { id: ids["oldham.spend"]! } });
    const response = await stockport.inject({
      method: "PATCH",
      url: `/api/spend/${before.id}`,
      payload: { version: before.version, amountPence: 1 },
    });
    expect(response.statusCode).toBe(403);
    const after = await test.prisma.spend.findUniqueOrThrow({ where: { id: before.id } });
    expect([after.amountPence, after.version]).toEqual([12_345n, before.version]);
  });

  it("adds cost lines and uses the lead's once the lead grants it the right, and not after it is taken back", async () => {
    const partner = await test.prisma.programmePartner.findUniqueOrThrow({ where: { id: ids.stockportPartner! } });
    const grant = (version: number, mayAddCostLines: boolean) =>
      oldham.inject({
        method: "PATCH",
        url: `/api/partners/${partner.id}/rights`,
        payload: { version, mayAddCostLines },
      });
    const granted = await grant(partner.version, true);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().mayAddCostLines).toBe(true);
    const audited = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "ProgrammePartner", entityId: partner.id },
      orderBy: { id: "desc" },
    });
    expect(audited.changes).toEqual({
      mayAddCostLines: { before: false, after: true },
      version: { before: partner.version, after: partner.version + 1 },
    });
    expect(audited.actorId).toBe(oldham.userId);

    const added = await stockport.inject({
      method: "POST",
      url: `/api/programmes/${ids.programme}/cost-lines`,
      payload: { name: "Stockport's own line", ledgerCode: "OWN-GRANTED" },
    });
    expect(added.statusCode, added.body).toBe(201);
    const line = await test.prisma.costLine.findUniqueOrThrow({ where: { id: added.json().id } });
    expect(line.ownerOrganisationId).toBe(stockport.organisationId);
    expect(await outcome(stockport, ["POST", "/api/spend", { costLineId: "oldham.line" }])).toBe("through");
    // Still not the lead's own records.
    expect(await outcome(stockport, ["PATCH", "/api/cost-lines/:id", "oldham.line"])).toMatch(/^403 /);

    expect((await grant(granted.json().version, false)).statusCode).toBe(200);
    expect(await outcome(stockport, ["POST", "/api/programmes/:id/cost-lines", "programme"])).toMatch(/^403 Only /);
  });

  it("records a payment on its own line as its own", async () => {
    const response = await stockport.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId: ids.programme,
        costLineId: ids["stockport.line"],
        spentOn: "2024-06-01",
        amountPence: 5_000,
        supplierName: "Stockport supplier",
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const stored = await test.prisma.spend.findUniqueOrThrow({ where: { id: response.json().id } });
    expect(stored.ownerOrganisationId).toBe(stockport.organisationId);
  });

  it("imports only to its own lines: rows for the lead's are set aside with that reason", async () => {
    const body = new FormData();
    body.append("mode", "commit");
    body.append("sourceName", "Stockport ownership ledger");
    body.append(
      "mapping",
      JSON.stringify({
        spentOn: "Date",
        amount: "Amount",
        costLineCode: "Code",
        supplierName: "Supplier",
        transactionId: "Ref",
      }),
    );
    const file = [
      "Date,Ref,Code,Supplier,Amount",
      "01/06/2024,S-1,OWN-stockport,Stockport supplier,10.00",
      "02/06/2024,S-2,OWN-oldham,Oldham supplier,20.00",
    ].join("\n");
    body.append("file", new Blob([file]), "ledger.csv");
    const request = new Request("http://fundline.test", { method: "POST", body });
    const response = await stockport.inject({
      method: "POST",
      url: "/api/imports/spend",
      payload: Buffer.from(await request.arrayBuffer()),
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect({ importable: result.importable, pence: result.importablePence, skipped: result.skipped }).toEqual({
      importable: 1,
      pence: 1_000,
      skipped: 1,
    });
    expect(result.problems).toEqual([
      {
        line: 3,
        kind: "costLine",
        reason:
          "the cost line with the ledger code \"OWN-oldham\" is Oldham Council (ownership test)'s: your council imports only to its own cost lines, unless the programme's lead grants it the right",
      },
    ]);
    const imported = await test.prisma.spend.findMany({ where: { importBatchId: result.batch.id } });
    expect(imported.map((row) => [row.costLineId, row.ownerOrganisationId])).toEqual([
      [ids["stockport.line"], stockport.organisationId],
    ]);
    const batch = await test.prisma.importBatch.findUniqueOrThrow({ where: { id: result.batch.id } });
    expect(batch.organisationId).toBe(stockport.organisationId);
  });
});
