// The reconciliation questions as rules, one case each with the figures from the seed reports
// where they come from: each flag must be raised exactly when its condition holds, with its
// words and figures.
import { describe, expect, it } from "vitest";
import {
  FLAG_SEVERITY,
  type ReconciliationFigures,
  reconciliationFlags,
  UNSPENT_WARNING_DAYS,
} from "./reconciliation.ts";

const commitment = (change: Partial<ReconciliationFigures["commitments"][number]> = {}) => ({
  id: "c-gmca",
  title: "GMCA early years grant",
  amountPence: 2_500_000,
  receivedPence: 2_500_000,
  allocatedPence: 2_500_000,
  spentPence: 2_142_857,
  awarded: true,
  ...change,
});

const figures = (change: Partial<ReconciliationFigures> = {}): ReconciliationFigures => ({
  programmeId: "p-dartington",
  totalCostPence: 10_500_000,
  committedPence: 10_500_000,
  endOn: "2021-03-31",
  today: "2020-06-30",
  commitments: [commitment()],
  costLines: [
    { id: "l-dsdl", name: "Dartington Service Design Lab", allocatedPence: 10_500_000, spentPence: 9_000_000 },
  ],
  costSharing: [],
  capitalOutsideYear: [],
  ...change,
});

const codes = (change: Partial<ReconciliationFigures>) => reconciliationFlags(figures(change)).map((flag) => flag.code);

describe("reconciliationFlags", () => {
  it("raises nothing for the Dartington programme as reported: £105,000 funded, £90,000 spent", () => {
    expect(reconciliationFlags(figures())).toEqual([]);
  });

  it("finds a funding gap with its figures, and none when fully funded or without a cost", () => {
    expect(reconciliationFlags(figures({ totalCostPence: 12_000_000 }))).toEqual([
      {
        code: "PROGRAMME_NOT_FULLY_FUNDED",
        severity: "high",
        message: "Awarded funding of £105,000.00 leaves £15,000.00 of the £120,000.00 cost unfunded.",
        subject: { type: "programme", id: "p-dartington" },
        figures: { totalCostPence: 12_000_000, committedPence: 10_500_000, gapPence: 1_500_000 },
      },
    ]);
    expect(codes({ totalCostPence: 10_500_000 })).toEqual([]);
    expect(codes({ totalCostPence: null })).toEqual([]);
  });

  it("finds a commitment allocated past its amount, and not one allocated to the penny", () => {
    expect(codes({ commitments: [commitment({ allocatedPence: 2_500_001 })] })).toEqual(["COMMITMENT_OVER_ALLOCATED"]);
    expect(reconciliationFlags(figures({ commitments: [commitment({ allocatedPence: 2_600_000 })] }))[0]?.message).toBe(
      "GMCA early years grant: allocations total £26,000.00 against a commitment of £25,000.00.",
    );
  });

  it("finds more received than committed, and not receipts up to the amount", () => {
    const [flag] = reconciliationFlags(figures({ commitments: [commitment({ receivedPence: 2_600_001 })] }));
    expect(flag).toMatchObject({
      code: "RECEIVED_MORE_THAN_COMMITTED",
      severity: "medium",
      figures: { amountPence: 2_500_000, receivedPence: 2_600_001, excessPence: 100_001 },
    });
    expect(codes({ commitments: [commitment({ receivedPence: 2_500_000 })] })).toEqual([]);
  });

  it("tells spend no commitment pays for from a line spent past its allocation", () => {
    const line = { id: "l", name: "Shared posts", allocatedPence: 0, spentPence: 500_000 };
    expect(codes({ costLines: [line] })).toEqual(["SPEND_WITHOUT_ALLOCATION"]);
    expect(codes({ costLines: [{ ...line, allocatedPence: 400_000 }] })).toEqual(["LINE_OVERSPENT"]);
    expect(reconciliationFlags(figures({ costLines: [{ ...line, allocatedPence: 400_000 }] }))[0]?.figures).toEqual({
      allocatedPence: 400_000,
      spentPence: 500_000,
      overspentPence: 100_000,
    });
    expect(codes({ costLines: [{ ...line, allocatedPence: 500_000 }] })).toEqual([]);
    expect(codes({ costLines: [{ ...line, spentPence: 0 }] })).toEqual([]);
  });

  it("finds Tameside £5,000 behind its half of the shared posts, and not Stockport ahead of it", () => {
    const flags = reconciliationFlags(
      figures({
        costSharing: [
          {
            agreementId: "a-posts",
            name: "Shared posts",
            partners: [
              { organisation: { name: "Stockport" }, duePence: 5_500_000, paidPence: 6_000_000 },
              { organisation: { name: "Tameside" }, duePence: 5_500_000, paidPence: 5_000_000 },
            ],
          },
        ],
      }),
    );
    expect(flags).toEqual([
      expect.objectContaining({
        code: "PARTNER_BEHIND_SHARE",
        message: "Shared posts: Tameside has paid £50,000.00 of its £55,000.00 share, £5,000.00 behind.",
        figures: { organisation: "Tameside", duePence: 5_500_000, paidPence: 5_000_000, behindPence: 500_000 },
      }),
    ]);
  });

  it("passes on capital spent outside its year as given", () => {
    const flags = reconciliationFlags(
      figures({
        capitalOutsideYear: [
          { commitmentId: "c-cap", title: "Capital fund", financialYear: "2020/21", spentPence: 500_000 },
        ],
      }),
    );
    expect(flags.map((flag) => [flag.code, flag.message])).toEqual([
      [
        "CAPITAL_SPENT_OUTSIDE_YEAR",
        "Capital fund: £5,000.00 was spent in 2020/21, a year the capital was not given for.",
      ],
    ]);
  });

  it(`warns of unspent awarded money within ${UNSPENT_WARNING_DAYS} days of the end, and says so once it has ended`, () => {
    const near = (today: string) => codes({ today });
    expect(near("2021-01-01")).toEqual(["COMMITTED_UNSPENT_NEAR_END"]); // 89 days
    expect(near("2020-12-31")).toEqual(["COMMITTED_UNSPENT_NEAR_END"]); // 90 days
    expect(near("2020-12-30")).toEqual([]); // 91 days
    expect(near("2021-03-31")).toEqual(["COMMITTED_UNSPENT_NEAR_END"]); // the last day
    // Ended with money unspent: said so for as long as it stays unspent.
    expect(near("2021-04-01")).toEqual(["COMMITTED_UNSPENT_AFTER_END"]);
    expect(near("2030-01-01")).toEqual(["COMMITTED_UNSPENT_AFTER_END"]);
    expect(reconciliationFlags(figures({ today: "2021-04-01" }))[0]?.message).toBe(
      "GMCA early years grant: £3,571.43 of £25,000.00 is unspent, and the programme ended on 31 Mar 2021.",
    );
    expect(codes({ today: "2021-01-01", commitments: [commitment({ awarded: false })] })).toEqual([]);
    expect(reconciliationFlags(figures({ today: "2021-01-01" }))[0]?.message).toBe(
      "GMCA early years grant: £3,571.43 of £25,000.00 is unspent with 89 days to the programme's end on 31 Mar 2021.",
    );
  });

  it("flags payments dated outside the programme's dates, and one payment bigger than its line's allocation", () => {
    const flags = reconciliationFlags(
      figures({
        today: "2021-01-01",
        startOn: "2019-04-01",
        commitments: [],
        spendOutsideDates: { payments: 2, spentPence: 100_000_000_000, firstOn: "2019-01-15", lastOn: "2030-06-30" },
        largePayments: [
          {
            spendId: "77777777-7777-4777-8777-777777777777",
            lineName: "Dartington contract",
            spentOn: "2030-06-30",
            amountPence: 100_000_000_000,
            allocatedPence: 10_500_000,
          },
        ],
      }),
    );
    expect(flags.map((flag) => [flag.code, flag.severity, flag.message])).toEqual([
      [
        "SPEND_OUTSIDE_PROGRAMME_DATES",
        "high",
        "2 payments of £1,000,000,000.00 dated outside the programme's dates (it runs from 1 Apr 2019 to 31 Mar 2021), between 15 Jan 2019 and 30 Jun 2030.",
      ],
      [
        "PAYMENT_LARGER_THAN_LINE",
        "high",
        "Dartington contract: one payment of £1,000,000,000.00 on 30 Jun 2030 is more than the line's whole allocation of £105,000.00.",
      ],
    ]);
  });

  it("gives every finding its severity from one table", () => {
    const flags = reconciliationFlags(
      figures({
        totalCostPence: 12_000_000,
        today: "2021-01-01",
        commitments: [commitment({ allocatedPence: 2_600_000, receivedPence: 2_600_000 })],
      }),
    );
    expect(flags.length).toBe(4);
    for (const flag of flags) expect(flag.severity).toBe(FLAG_SEVERITY[flag.code]);
  });
});
