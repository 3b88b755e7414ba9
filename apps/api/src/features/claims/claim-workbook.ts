// The claim pack as a workbook for the funder: one sheet per part, money as pounds with pence
// (the figures in pence, divided once here for Excel's number format), dates as dates.
import { formatDate } from "@fundline/domain";
import type { ClaimPack } from "@fundline/schemas";
import ExcelJS from "exceljs";
import { guardFormula } from "../../lib/spreadsheet-cells.ts";

const POUNDS = '"£"#,##0.00;-"£"#,##0.00';
const pounds = (pence: number) => pence / 100;
const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

type Column = { header: string; key: string; width: number; money?: boolean; date?: boolean };

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  worksheet.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  worksheet.getRow(1).font = { bold: true };
  // Text a person or a ledger wrote (a supplier "=HYPERLINK(…)") is never read as a formula.
  for (const row of rows) {
    worksheet.addRow(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, cellOf(value)])));
  }
  columns.forEach((column, index) => {
    if (column.money) worksheet.getColumn(index + 1).numFmt = POUNDS;
    if (column.date) worksheet.getColumn(index + 1).numFmt = "dd/mm/yyyy";
  });
  return worksheet;
}

const cellOf = (value: unknown) => (typeof value === "string" ? guardFormula(value) : value);

export async function claimWorkbook(pack: ClaimPack): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Fundline";
  const { commitment, money, period } = pack;
  const summary = workbook.addWorksheet("Summary");
  summary.columns = [
    { header: "", key: "label", width: 44 },
    { header: "", key: "value", width: 48 },
  ];
  const facts: [string, string | number, boolean?][] = [
    ["Commitment", commitment.title],
    ["Funder", commitment.funder],
    ["Fund", commitment.fund],
    ["Programme", commitment.programme?.name ?? "Not tied to a programme"],
    ["Period", `${formatDate(period.from)} to ${formatDate(period.to)}`],
    ["Awarded", pounds(money.awardedPence), true],
    ["Profiled for the period's financial years", pounds(money.profiledPence), true],
    ["Received in the period", pounds(money.receivedInPeriodPence), true],
    ["Received to the period's end", pounds(money.receivedToDatePence), true],
    ["Spent in the period (attributed)", pounds(money.spentInPeriodPence), true],
    ["Claimed for the period", pounds(money.claimedInPeriodPence), true],
    ["Claimed and not yet received", pounds(money.claimedNotReceivedPence), true],
    ["Variance (profiled less spent)", pounds(pack.variance.variancePence), true],
    ["Variance explained", pack.variance.explanation],
  ];
  for (const [label, value, isMoney] of facts) {
    const row = summary.addRow({ label, value: cellOf(value) });
    row.getCell(1).font = { bold: true };
    if (isMoney) row.getCell(2).numFmt = POUNDS;
  }
  sheet(
    workbook,
    "Payments",
    [
      { header: "Date", key: "spentOn", width: 12, date: true },
      { header: "Supplier", key: "supplierName", width: 36 },
      { header: "Amount", key: "amount", width: 14, money: true },
      { header: "Cost line", key: "costLine", width: 36 },
      { header: "Ledger reference", key: "reference", width: 20 },
      { header: "Charged to this commitment", key: "named", width: 14 },
      { header: "Its share of the line (%)", key: "share", width: 14 },
    ],
    pack.payments.map((payment) => ({
      ...payment,
      spentOn: day(payment.spentOn),
      amount: pounds(payment.amountPence),
      named: payment.named ? "Yes" : "Shared",
      share: payment.lineSharePercentage,
    })),
  );
  sheet(
    workbook,
    "Milestones",
    [
      { header: "Milestone", key: "description", width: 48 },
      { header: "Due", key: "dueOn", width: 12, date: true },
      { header: "Status", key: "status", width: 14 },
      { header: "Met on", key: "actualOn", width: 12, date: true },
      { header: "Evidence", key: "evidence", width: 48 },
    ],
    pack.milestones.map((milestone) => ({
      ...milestone,
      dueOn: day(milestone.dueOn),
      actualOn: day(milestone.actualOn),
      status: milestone.status.replaceAll("_", " "),
    })),
  );
  sheet(
    workbook,
    "Deliverables",
    [
      { header: "Deliverable", key: "description", width: 48 },
      { header: "Due", key: "dueOn", width: 12, date: true },
      { header: "Target", key: "targetCount", width: 10 },
      { header: "Achieved", key: "achievedCount", width: 10 },
      { header: "Met", key: "met", width: 8 },
    ],
    pack.deliverables.map((deliverable) => ({
      ...deliverable,
      dueOn: day(deliverable.dueOn),
      met: deliverable.met ? "Yes" : "No",
    })),
  );
  sheet(
    workbook,
    "Variance",
    [
      { header: "Profiled", key: "profiled", width: 16, money: true },
      { header: "Spent", key: "spent", width: 16, money: true },
      { header: "Variance", key: "variance", width: 16, money: true },
      { header: "Explained", key: "explanation", width: 80 },
    ],
    [
      {
        profiled: pounds(pack.variance.profiledPence),
        spent: pounds(pack.variance.spentPence),
        variance: pounds(pack.variance.variancePence),
        explanation: pack.variance.explanation,
      },
    ],
  );
  sheet(
    workbook,
    "Claims",
    [
      { header: "Period from", key: "periodFrom", width: 12, date: true },
      { header: "Period to", key: "periodTo", width: 12, date: true },
      { header: "Claimed", key: "amount", width: 14, money: true },
      { header: "Claimed on", key: "claimedOn", width: 12, date: true },
      { header: "Reference", key: "reference", width: 20 },
      { header: "Paid on", key: "paidOn", width: 12, date: true },
    ],
    pack.claims.map((claim) => ({
      ...claim,
      periodFrom: day(claim.periodFrom),
      periodTo: day(claim.periodTo),
      claimedOn: day(claim.claimedOn),
      paidOn: day(claim.paidOn),
      amount: pounds(claim.amountPence),
    })),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
