// Four eyes: a money change above the council's approval threshold (£10,000.00 as shipped) waits
// for another finance officer or an administrator of the council; nothing moves until approval,
// then it moves exactly as asked (or 409 if the record changed meanwhile). Audited throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, type SignedIn, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
let farah: SignedIn;
let sam: SignedIn;
let oldhamId: string;
let commitment: { id: string; version: number; amountPence: number; title: string };
beforeAll(async () => {
  test = await buildTestApp({ secondApprover: "as shipped" });
  dartington = await seedAndFindDartington(test.prisma);
  const row = await test.prisma.fundingCommitment.findFirstOrThrow({
    where: { programmeId: dartington.programmeId, retiredAt: null },
    orderBy: { amountPence: "desc" },
  });
  commitment = { id: row.id, version: row.version, amountPence: Number(row.amountPence), title: row.title };
  // Two finance officers of the council whose books the Dartington programme's money is in.
  oldhamId = (await test.prisma.organisation.findFirstOrThrow({ where: { name: "Oldham Council" } })).id;
  farah = await test.signInNew({ role: "finance_officer", organisationId: oldhamId, email: "farah@four-eyes.test" });
  sam = await test.signInNew({ role: "finance_officer", organisationId: oldhamId, email: "sam@four-eyes.test" });
});
afterAll(() => test.close());

const post = (as: SignedIn, url: string, payload: object, headers?: Record<string, string>) =>
  as.inject({ method: "POST", url, payload, headers });
const patch = (as: SignedIn, url: string, payload: object) => as.inject({ method: "PATCH", url, payload });
const current = async () => (await farah.inject({ url: `/api/commitments/${commitment.id}` })).json();
const keptTotal = async () =>
  Number((await test.prisma.commitmentTotal.findUniqueOrThrow({ where: { commitmentId: commitment.id } })).amountPence);

describe("a change above the threshold waits for a second person", () => {
  let asked: { id: string; version: number };

  it("asks for a reason, naming the amount and the council's threshold", async () => {
    const { version } = await current();
    const response = await patch(farah, `/api/commitments/${commitment.id}`, {
      version,
      amountPence: commitment.amountPence + 2_500_000,
      profile: [],
    });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().fields).toEqual([
      {
        path: "changeReason",
        message: `£${((commitment.amountPence + 2_500_000) / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })} is above Oldham Council's approval threshold of £10,000.00: say why, for the person who approves it`,
      },
    ]);
  });

  it("keeps the change as a request, with the figures before and after, and moves nothing", async () => {
    const before = await current();
    const totalBefore = await keptTotal();
    const response = await patch(farah, `/api/commitments/${commitment.id}`, {
      version: before.version,
      amountPence: before.amountPence + 2_500_000,
      profile: [],
      changeReason: "The funder's variation letter of 2 December adds £25,000",
    });
    expect(response.statusCode, response.body).toBe(202);
    asked = response.json();
    expect(response.json()).toMatchObject({
      kind: "commitment.update",
      summary: `Change commitment ${commitment.title}`,
      recordName: "commitment",
      entityId: commitment.id,
      organisationId: oldhamId,
      commitmentId: commitment.id,
      programmeId: dartington.programmeId,
      amountPence: before.amountPence + 2_500_000,
      deltaPence: 2_500_000,
      reason: "The funder's variation letter of 2 December adds £25,000",
      status: "pending",
      requestedBy: { id: farah.userId },
      decidedBy: null,
    });
    expect(response.json().before.amountPence).toBe(before.amountPence);
    expect(response.json().after.amountPence).toBe(before.amountPence + 2_500_000);
    expect(response.json().changes).toContainEqual({
      field: "amountPence",
      before: before.amountPence,
      after: before.amountPence + 2_500_000,
    });
    // Nothing moved: the record, its version and the kept total are as they were.
    const after = await current();
    expect(after.amountPence).toBe(before.amountPence);
    expect(after.version).toBe(before.version);
    expect(await keptTotal()).toBe(totalBefore);
    const audit = await test.prisma.auditEvent.findMany({ where: { entityId: commitment.id, action: "update" } });
    expect(audit).toHaveLength(0);
    const asking = await test.prisma.auditEvent.findFirstOrThrow({ where: { entityId: asked.id } });
    expect(asking).toMatchObject({ entityType: "ChangeRequest", action: "create", actorId: farah.userId });
  });

  it("shows on the record, on the approver's list and in the pending total", async () => {
    const onRecord = (
      await sam.inject({ url: `/api/change-requests?commitmentId=${commitment.id}&status=pending` })
    ).json();
    expect(onRecord.changeRequests.map((request: { id: string }) => request.id)).toEqual([asked.id]);
    expect(onRecord.pendingDeltaPence).toBe(2_500_000);
    const awaitingSam = (await sam.inject({ url: "/api/change-requests?awaitingMe=true" })).json();
    expect(awaitingSam.changeRequests.map((request: { id: string }) => request.id)).toContain(asked.id);
    // Not Farah's to decide: she asked.
    const awaitingFarah = (await farah.inject({ url: "/api/change-requests?awaitingMe=true" })).json();
    expect(awaitingFarah.changeRequests.map((request: { id: string }) => request.id)).not.toContain(asked.id);
  });

  it("never lets the person who asked approve it", async () => {
    const response = await post(farah, `/api/change-requests/${asked.id}/approve`, { version: asked.version });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(
      "You asked for this change: another finance officer or an administrator of Oldham Council must approve it.",
    );
    expect((await current()).amountPence).toBe(commitment.amountPence);
  });

  it("hides it from another council, as if it did not exist", async () => {
    const elsewhere = test.as("finance_officer");
    const response = await post(elsewhere, `/api/change-requests/${asked.id}/approve`, { version: asked.version });
    expect(response.statusCode).toBe(404);
    const listed = (await elsewhere.inject({ url: "/api/change-requests" })).json();
    expect(listed.changeRequests).toEqual([]);
  });

  it("refuses a stale approval (the request's version) with 409", async () => {
    const response = await post(sam, `/api/change-requests/${asked.id}/approve`, { version: asked.version + 5 });
    expect(response.statusCode).toBe(409);
  });

  it("moves the figures exactly as asked once another finance officer approves, audited", async () => {
    const before = await current();
    const totalBefore = await keptTotal();
    const response = await post(sam, `/api/change-requests/${asked.id}/approve`, {
      version: asked.version,
      note: "Checked against the variation letter",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: "approved",
      decidedBy: { id: sam.userId },
      decisionNote: "Checked against the variation letter",
    });
    const after = await current();
    expect(after.amountPence).toBe(before.amountPence + 2_500_000);
    expect(after.version).toBe(before.version + 1);
    expect(await keptTotal()).toBe(totalBefore + 2_500_000);
    const change = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: commitment.id, action: "update" },
    });
    expect(change.actorId).toBe(farah.userId);
    expect(change.actorLabel).toMatch(/farah@four-eyes\.test>, approved by .*sam@four-eyes\.test>$/);
    expect(change.changes).toMatchObject({
      amountPence: { before: before.amountPence, after: before.amountPence + 2_500_000 },
    });
    const decided = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: asked.id, action: "update" },
    });
    expect(decided).toMatchObject({ actorId: sam.userId, reason: "Checked against the variation letter" });
    expect(decided.changes).toMatchObject({ status: { before: "pending", after: "approved" } });
    // Decided once: approving again is refused.
    const again = await post(sam, `/api/change-requests/${asked.id}/approve`, { version: asked.version + 1 });
    expect(again.statusCode).toBe(422);
    expect(again.json().fields).toEqual([{ path: "id", message: "this change request is approved already" }]);
  });

  it("closes a request as out of date (409) when the record changed after it was asked", async () => {
    const { version, amountPence } = await current();
    const first = (
      await patch(farah, `/api/commitments/${commitment.id}`, {
        version,
        amountPence: amountPence + 100_000,
        profile: [],
        changeReason: "First variation",
      })
    ).json();
    const second = (
      await patch(farah, `/api/commitments/${commitment.id}`, {
        version,
        amountPence: amountPence + 200_000,
        profile: [],
        changeReason: "Second variation",
      })
    ).json();
    expect((await post(sam, `/api/change-requests/${first.id}/approve`, { version: first.version })).statusCode).toBe(
      200,
    );
    const stale = await post(sam, `/api/change-requests/${second.id}/approve`, { version: second.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe(
      "The commitment changed after this change was asked for, so the request is closed as out of date: ask again from the record as it is now.",
    );
    expect((await current()).amountPence).toBe(amountPence + 100_000);
    const closed = (await sam.inject({ url: `/api/change-requests/${second.id}` })).json();
    expect(closed).toMatchObject({ status: "outOfDate", decidedBy: { id: sam.userId } });
  });

  it("is rejected with a reason, or withdrawn by the person who asked, and nothing moves", async () => {
    const { version, amountPence } = await current();
    const ask = (changeReason: string) =>
      patch(farah, `/api/commitments/${commitment.id}`, {
        version,
        amountPence: amountPence - 1_500_000,
        profile: [],
        changeReason,
      }).then((response) => response.json());
    const rejected = await ask("Underspend returned");
    const response = await post(sam, `/api/change-requests/${rejected.id}/reject`, {
      version: rejected.version,
      reason: "The funder has not agreed the reduction",
    });
    expect(response.json()).toMatchObject({
      status: "rejected",
      decisionNote: "The funder has not agreed the reduction",
    });
    const withdrawn = await ask("Underspend returned (asked twice by mistake)");
    const withdrawal = await post(farah, `/api/change-requests/${withdrawn.id}/reject`, {
      version: withdrawn.version,
      reason: "Asked twice by mistake",
    });
    expect(withdrawal.json()).toMatchObject({ status: "withdrawn", decidedBy: { id: farah.userId } });
    const noReason = await post(sam, `/api/change-requests/${rejected.id}/reject`, { version: rejected.version + 1 });
    expect(noReason.statusCode).toBe(400);
    expect((await current()).amountPence).toBe(amountPence);
  });

  it("lets a change that moves no money through at once, however large the record", async () => {
    const { version } = await current();
    const response = await patch(farah, `/api/commitments/${commitment.id}`, {
      version,
      conditions: "Quarterly monitoring returns to the funder",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().conditions).toBe("Quarterly monitoring returns to the funder");
  });

  it("lets a change at or below the threshold through at once", async () => {
    const receipt = await post(farah, "/api/receipts", {
      commitmentId: commitment.id,
      receivedOn: "2021-05-04",
      amountPence: 1_000_000,
      reference: "At the threshold exactly",
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
  });

  it("follows the council's own threshold, set by an administrator and audited", async () => {
    const oldham = (await test.inject({ url: `/api/organisations?name=Oldham` })).json().organisations[0];
    expect(oldham.approvalThresholdPence).toBe(1_000_000);
    const raised = await test.inject({
      method: "PATCH",
      url: `/api/organisations/${oldhamId}`,
      payload: { version: oldham.version, approvalThresholdPence: 5_000_000 },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const receipt = await post(farah, "/api/receipts", {
      commitmentId: commitment.id,
      receivedOn: "2021-05-05",
      amountPence: 4_000_000,
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({ where: { entityId: oldhamId, action: "update" } });
    expect(audit.changes).toMatchObject({ approvalThresholdPence: { before: 1_000_000, after: 5_000_000 } });
    const refused = await patch(farah, `/api/organisations/${oldhamId}`, {
      version: raised.json().version,
      approvalThresholdPence: 100_000_000,
    });
    expect(refused.statusCode).toBe(403);
    await test.inject({
      method: "PATCH",
      url: `/api/organisations/${oldhamId}`,
      payload: { version: raised.json().version, approvalThresholdPence: 1_000_000 },
    });
  });
});

describe("every kind of money change", () => {
  const approve = async (request: { id: string; version: number }) => {
    const response = await post(sam, `/api/change-requests/${request.id}/approve`, { version: request.version });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it("creates an allocation only on approval, and sets the request's record then", async () => {
    const allocated = await post(
      farah,
      "/api/allocations",
      { commitmentId: commitment.id, costLineId: dartington.costLineId, amountPence: 1_200_000, changeReason: "Q3" },
      { "idempotency-key": "four-eyes-allocation-1" },
    );
    expect(allocated.statusCode, allocated.body).toBe(202);
    expect(allocated.json()).toMatchObject({ kind: "allocation.create", entityId: null, deltaPence: 1_200_000 });
    expect(await test.prisma.allocation.count({ where: { amountPence: 1_200_000n } })).toBe(0);
    // A replay of the same request answers the same change request and asks nothing more.
    const replay = await post(
      farah,
      "/api/allocations",
      { commitmentId: commitment.id, costLineId: dartington.costLineId, amountPence: 1_200_000, changeReason: "Q3" },
      { "idempotency-key": "four-eyes-allocation-1" },
    );
    expect(replay.statusCode).toBe(202);
    expect(replay.json().id).toBe(allocated.json().id);
    expect(await test.prisma.changeRequest.count({ where: { kind: "allocation.create" } })).toBe(1);

    const approved = await approve(allocated.json());
    const allocation = await test.prisma.allocation.findUniqueOrThrow({ where: { id: approved.entityId } });
    expect(Number(allocation.amountPence)).toBe(1_200_000);
    expect(allocation.commitmentId).toBe(commitment.id);
  });

  it("retires a receipt only on approval", async () => {
    const receipt = await test.prisma.receipt.create({
      data: {
        commitmentId: commitment.id,
        ownerOrganisationId: oldhamId,
        receivedOn: new Date("2021-06-01"),
        amountPence: 3_000_000n,
      },
    });
    const retiring = await post(farah, `/api/receipts/${receipt.id}/retire`, {
      version: receipt.version,
      reason: "Recorded twice",
    });
    expect(retiring.statusCode, retiring.body).toBe(202);
    expect(retiring.json()).toMatchObject({
      kind: "receipt.retire",
      summary: "Retire receipt received 1 Jun 2021",
      reason: "Recorded twice",
      deltaPence: -3_000_000,
    });
    expect((await test.prisma.receipt.findUniqueOrThrow({ where: { id: receipt.id } })).retiredAt).toBeNull();
    await approve(retiring.json());
    const retired = await test.prisma.receipt.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.retiredById).toBe(farah.userId);
  });

  it("makes a cost-sharing agreement covering more than the threshold only on approval", async () => {
    const stockport = await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Stockport" } } });
    const shared = await test.prisma.programme.findFirstOrThrow({
      where: { name: { startsWith: "Shared early years" } },
    });
    const lead = await test.signInNew({ role: "finance_officer", organisationId: shared.leadOrganisationId });
    const other = await test.signInNew({ role: "finance_officer", organisationId: shared.leadOrganisationId });
    const partners = await test.prisma.programmePartner.findMany({ where: { programmeId: shared.id } });
    const sharing = partners.filter((partner) => partner.organisationId !== stockport.id).slice(0, 1);
    const payload = {
      name: "Four-eyes shared costs",
      shares: [
        { organisationId: stockport.id, parts: 1 },
        { organisationId: sharing[0]?.organisationId ?? shared.leadOrganisationId, parts: 1 },
      ],
      changeReason: "Agreed at the partnership board",
    };
    const asked = await post(lead, `/api/programmes/${shared.id}/cost-sharing-agreements`, payload);
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json().amountPence).toBeGreaterThan(1_000_000);
    expect(await test.prisma.costSharingAgreement.count({ where: { name: payload.name } })).toBe(0);
    const approved = await post(other, `/api/change-requests/${asked.json().id}/approve`, {
      version: asked.json().version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const agreement = await test.prisma.costSharingAgreement.findUniqueOrThrow({
      where: { id: approved.json().entityId },
    });
    expect(agreement).toMatchObject({ name: payload.name, programmeId: shared.id });
  });

  it("reverses an import of more than the threshold only on approval", async () => {
    const file = {
      name: "four-eyes.csv",
      content: [
        "Date,Transaction Number,Net Amount,Supplier Name,Cost Centre",
        ...[1, 2, 3].map((day) => `0${day}/07/2021,FE-${day},"5,000.00",Dartington,EY-DSDL`),
      ].join("\n"),
    };
    const preview = await uploadLedger(farah, { mode: "preview", sourceName: "Four eyes ledger" }, file);
    expect(preview.statusCode, preview.body).toBe(200);
    const imported = await uploadLedger(
      farah,
      { mode: "commit", sourceName: "Four eyes ledger", expectedSha256: preview.json().fileSha256 },
      file,
    );
    expect(imported.statusCode, imported.body).toBe(200);
    const batchId = imported.json().batch.id as string;
    const reversing = await post(farah, `/api/imports/spend/${batchId}/reverse`, { reason: "Wrong month's file" });
    expect(reversing.statusCode, reversing.body).toBe(202);
    expect(reversing.json()).toMatchObject({
      kind: "import.reverse",
      summary: "Reverse import four-eyes.csv",
      amountPence: 1_500_000,
      deltaPence: -1_500_000,
    });
    expect(await test.prisma.spend.count({ where: { importBatchId: batchId, retiredAt: null } })).toBe(3);
    await approve(reversing.json());
    expect(await test.prisma.spend.count({ where: { importBatchId: batchId, retiredAt: null } })).toBe(0);
    expect((await test.prisma.importBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("reversed");
  });

  it("answers a write into a closed period at approval as any write would, and leaves it waiting", async () => {
    const asked = (
      await post(farah, "/api/receipts", {
        commitmentId: commitment.id,
        receivedOn: "2019-05-01",
        amountPence: 2_000_000,
        changeReason: "Late recording of the first instalment",
      })
    ).json();
    expect(asked.status).toBe("pending");
    const closed = await post(farah, "/api/periods", { kind: "year", financialYear: "2019/20" });
    expect(closed.statusCode, closed.body).toBe(201);
    const refused = await post(sam, `/api/change-requests/${asked.id}/approve`, { version: asked.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields[0].message).toContain("is in 2019/20, which");
    expect((await sam.inject({ url: `/api/change-requests/${asked.id}` })).json().status).toBe("pending");
  });
});
