import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { reconcileProgramme } from "./programme-reconciliation.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

describe("GET /api/programmes/:id/reconciliation", () => {
  it("reconciles the Dartington programme to the penny: £90,000 shared 80:25 between its funders", async () => {
    const response = await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` });
    expect(response.statusCode, response.body).toBe(200);
    const reconciliation = response.json();
    expect(reconciliation).toMatchObject({ totalCostPence: 10_500_000, committedPence: 10_500_000, gapPence: 0 });
    const spentByTitle = Object.fromEntries(
      reconciliation.commitments.map((c: { title: string; spentPence: number }) => [c.title, c.spentPence]),
    );
    // 9,000,000 × 80/105 = 6,857,142.86 and × 25/105 = 2,142,857.14: the spare penny goes to the larger fraction.
    expect(Object.values(spentByTitle).sort()).toEqual([0, 2_142_857, 6_857_143]);
    expect(reconciliation.costLines).toEqual([
      expect.objectContaining({
        ledgerCode: "EY-DSDL",
        allocatedPence: 10_500_000,
        spentPence: 9_000_000,
        variancePence: 1_500_000,
      }),
    ]);
    expect(reconciliation.financialYears).toEqual([
      { financialYear: "2019/20", profiledPence: 10_500_000, spentPence: 7_000_000 },
      { financialYear: "2020/21", profiledPence: 0, spentPence: 2_000_000 },
    ]);
    // It ended on 31 Jul 2020 with £15,000 of its funding unspent: £11,428.57 of the OA Board's
    // £80,000 and £3,571.43 of GMCA's £25,000, the same 80:25 split.
    expect(
      reconciliation.flags.map((flag: { code: string; figures: { unspentPence: number } }) => [
        flag.code,
        flag.figures.unspentPence,
      ]),
    ).toEqual([
      ["COMMITTED_UNSPENT_AFTER_END", 1_142_857],
      ["COMMITTED_UNSPENT_AFTER_END", 357_143],
    ]);
  });

  it("flags a funding gap, an overspent line and money unspent near the end, with the figures", async () => {
    const { programmeId } = dartington;
    await test.prisma.programme.update({ where: { id: programmeId }, data: { totalCostPence: 12_000_000n } });
    await test.prisma.spend.create({
      data: {
        programmeId,
        costLineId: dartington.costLineId,
        spentOn: new Date("2020-06-30"),
        amountPence: 2_000_000n,
        supplierName: "Dartington Service Design Lab",
      },
    });
    const reconciliation = await reconcileProgramme(test.prisma, programmeId, { today: new Date("2020-06-01") });
    const byCode = Object.fromEntries(reconciliation.flags.map((flag) => [flag.code, flag]));
    expect(byCode.PROGRAMME_NOT_FULLY_FUNDED).toMatchObject({
      figures: { totalCostPence: 12_000_000, committedPence: 10_500_000, gapPence: 1_500_000 },
      message: "Awarded funding of £105,000.00 leaves £15,000.00 of the £120,000.00 cost unfunded.",
    });
    expect(byCode.LINE_OVERSPENT?.figures).toEqual({
      allocatedPence: 10_500_000,
      spentPence: 11_000_000,
      overspentPence: 500_000,
    });
    // 60 days before 31 July 2020 every commitment is fully spent: no money at risk.
    expect(byCode.COMMITTED_UNSPENT_NEAR_END).toBeUndefined();
    // Attribution still adds back to the whole: 11,000,000 across the two commitments.
    const spent = reconciliation.commitments.reduce((sum, commitment) => sum + commitment.spentPence, 0);
    expect(spent).toBe(11_000_000);
  });

  it("shares the Stockport–Tameside posts half each and finds Tameside £5,000 behind", async () => {
    const programme = await test.prisma.programme.findFirstOrThrow({
      where: { name: "Shared early years education improvement leadership" },
    });
    const reconciliation = await reconcileProgramme(test.prisma, programme.id, { today: new Date("2022-10-01") });
    expect(reconciliation.costSharing).toEqual([
      expect.objectContaining({
        name: "Early years leadership posts: half each",
        spentPence: 11_000_000,
        partners: [
          expect.objectContaining({
            parts: 1,
            percentage: 50,
            duePence: 5_500_000,
            paidPence: 6_000_000,
            differencePence: 500_000,
          }),
          expect.objectContaining({
            parts: 1,
            percentage: 50,
            duePence: 5_500_000,
            paidPence: 5_000_000,
            differencePence: -500_000,
          }),
        ],
      }),
    ]);
    expect(reconciliation.costSharing[0]?.partners.map((partner) => partner.organisation.name)).toEqual([
      "Stockport Metropolitan Borough Council",
      "Tameside Metropolitan Borough Council",
    ]);
    const behind = reconciliation.flags.filter((flag) => flag.code === "PARTNER_BEHIND_SHARE");
    expect(behind).toEqual([
      expect.objectContaining({
        figures: {
          organisation: "Tameside Metropolitan Borough Council",
          duePence: 5_500_000,
          paidPence: 5_000_000,
          behindPence: 500_000,
        },
      }),
    ]);
  });

  it("follows the agreement when its dates change and when a partner pays more", async () => {
    const programme = await test.prisma.programme.findFirstOrThrow({
      where: { name: "Shared early years education improvement leadership" },
    });
    const agreement = await test.prisma.costSharingAgreement.findFirstOrThrow({
      where: { programmeId: programme.id },
    });
    const shares = async () => {
      const [found] = (await reconcileProgramme(test.prisma, programme.id, { today: new Date("2022-10-01") }))
        .costSharing;
      return {
        spentPence: found?.spentPence,
        partners: found?.partners.map((partner) => [partner.duePence, partner.paidPence]),
      };
    };
    const patch = (payload: object) =>
      test.inject({ method: "PATCH", url: `/api/cost-sharing-agreements/${agreement.id}`, payload });

    // Ending the agreement on 31 August 2022 leaves only the first quarter's £55,000 covered.
    const ended = await patch({ version: agreement.version, effectiveTo: "2022-08-31" });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await shares()).toEqual({
      spentPence: 5_500_000,
      partners: [
        [2_750_000, 3_000_000],
        [2_750_000, 2_500_000],
      ],
    });

    // Open-ended again, then Tameside pays a £5,000.01 catch-up in December.
    expect((await patch({ version: agreement.version + 1, effectiveTo: null })).statusCode).toBe(200);
    const paid = await test.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId: programme.id,
        costLineId: agreement.costLineId,
        spentOn: "2022-12-31",
        amountPence: 500_001,
        supplierName: "Shared post salary recharge",
        payingOrganisationId: (
          await test.prisma.organisation.findFirstOrThrow({ where: { name: { startsWith: "Tameside" } } })
        ).id,
      },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    // £115,000.01 half each: the odd penny goes to the first partner by id.
    const after = await shares();
    expect(after.spentPence).toBe(11_500_001);
    expect(after.partners?.map(([due]) => due).sort()).toEqual([5_750_000, 5_750_001]);
    expect(after.partners?.map(([, paidPence]) => paidPence)).toEqual([6_000_000, 5_500_001]);

    const retired = await test.inject({
      method: "POST",
      url: `/api/spend/${paid.json().id}/retire`,
      payload: { version: 1, reason: "Recorded to test cost sharing" },
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await shares()).spentPence).toBe(11_000_000);
  });

  it("splits an odd total in thirds to the penny: £100,000.00 → £33,333.34 + £33,333.33 + £33,333.33", async () => {
    const programme = await test.prisma.programme.findFirstOrThrow({
      where: { name: "New Models for LEAs pilot" },
      include: { partners: true, costLines: true },
    });
    const line = await test.prisma.costLine.create({ data: { programmeId: programme.id, name: "Thirds test line" } });
    const councils = programme.partners.filter(
      (partner) => partner.role !== "supplier" && partner.role !== "evaluator",
    );
    await test.prisma.costSharingAgreement.create({
      data: {
        programmeId: programme.id,
        costLineId: line.id,
        name: "Thirds",
        shares: {
          create: councils.slice(0, 3).map((partner) => ({ organisationId: partner.organisationId, parts: 1 })),
        },
      },
    });
    await test.prisma.spend.create({
      data: {
        programmeId: programme.id,
        costLineId: line.id,
        spentOn: new Date("2002-01-10"),
        amountPence: 10_000_000n,
        supplierName: "X",
      },
    });
    const reconciliation = await reconcileProgramme(test.prisma, programme.id);
    const thirds = reconciliation.costSharing.find((agreement) => agreement.name === "Thirds");
    expect(thirds?.partners.map((partner) => partner.duePence).sort()).toEqual([3_333_333, 3_333_333, 3_333_334]);
  });

  it("flags capital spent outside the year it was given for", async () => {
    const programme = await test.prisma.programme.findFirstOrThrow({
      where: { name: "Children's and Early Years Digital Improvement Programme" },
    });
    const reconciliation = await reconcileProgramme(test.prisma, programme.id);
    expect(reconciliation.flags.filter((flag) => flag.code === "CAPITAL_SPENT_OUTSIDE_YEAR")).toEqual([
      expect.objectContaining({ severity: "high", figures: { financialYear: "2020/21", spentPence: 500_000 } }),
    ]);
  });

  it("flags a £1,000,000,000 payment dated 2030 on a programme that ended in 2020: outside its dates, bigger than its line", async () => {
    const payment = await test.inject({
      method: "POST",
      url: "/api/spend",
      payload: {
        programmeId: dartington.programmeId,
        costLineId: dartington.costLineId,
        spentOn: "2030-06-30",
        amountPence: 100_000_000_000,
        supplierName: "Typo Ltd",
      },
    });
    expect(payment.statusCode, payment.body).toBe(201);
    const reconciliation = (
      await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` })
    ).json();
    const codes = reconciliation.flags.map((flag: { code: string }) => flag.code);
    expect(codes).toEqual(
      expect.arrayContaining(["SPEND_OUTSIDE_PROGRAMME_DATES", "PAYMENT_LARGER_THAN_LINE", "LINE_OVERSPENT"]),
    );
    const large = reconciliation.flags.find((flag: { code: string }) => flag.code === "PAYMENT_LARGER_THAN_LINE");
    expect(large).toMatchObject({
      subject: { type: "spend", id: payment.json().id },
      figures: { amountPence: 100_000_000_000, allocatedPence: 10_500_000, spentOn: "2030-06-30" },
    });
    // The portfolio says the same of it.
    const portfolio = (await test.inject({ url: "/api/reconciliation?code=PAYMENT_LARGER_THAN_LINE" })).json();
    expect(portfolio.flags.map((flag: { subject: { id: string } }) => flag.subject.id)).toContain(payment.json().id);
    // Retired, it is gone from both.
    await test.inject({
      method: "POST",
      url: `/api/spend/${payment.json().id}/retire`,
      payload: { version: 1, reason: "Keyed in error" },
    });
    const after = (await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` })).json();
    expect(after.flags.map((flag: { code: string }) => flag.code)).not.toContain("PAYMENT_LARGER_THAN_LINE");
  });

  it("flags more received than committed, for a person to check, in the programme and the portfolio", async () => {
    // The £25,000 GMCA commitment of the Dartington programme, paid £26,000.01.
    const commitment = await test.prisma.fundingCommitment.findFirstOrThrow({
      where: { programmeId: dartington.programmeId, amountPence: 2_500_000n },
    });
    const received = await test.prisma.receipt.aggregate({
      where: { commitmentId: commitment.id, retiredAt: null },
      _sum: { amountPence: true },
    });
    const more = 2_600_001 - Number(received._sum.amountPence ?? 0n);
    const response = await test.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: commitment.id, receivedOn: "2020-06-01", amountPence: more },
    });
    expect(response.statusCode, response.body).toBe(201);
    const expected = {
      code: "RECEIVED_MORE_THAN_COMMITTED",
      severity: "medium",
      message: `${commitment.title}: £26,000.01 received against a commitment of £25,000.00, £1,000.01 more than was committed.`,
      figures: { amountPence: 2_500_000, receivedPence: 2_600_001, excessPence: 100_001 },
    };
    const own = (await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` })).json();
    expect(own.flags).toContainEqual(expect.objectContaining(expected));
    const portfolio = (await test.inject({ url: "/api/reconciliation?code=RECEIVED_MORE_THAN_COMMITTED" })).json();
    expect(portfolio.flags).toEqual([expect.objectContaining(expected)]);
  });

  it("answers 404 for a programme outside the caller's scope", async () => {
    const outsider = await test.signInNew({ role: "viewer", organisationId: test.as("viewer").organisationId });
    const response = await outsider.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` });
    expect(response.statusCode).toBe(404);
  });
});
