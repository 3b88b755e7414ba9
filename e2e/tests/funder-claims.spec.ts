import { expect, expectAccessible, expectNoSidewaysScroll, signInAs, test } from "./own-council.ts";

// A finance officer builds the funder's claim for a quarter: the money, the payments behind it
// and the variance, printable and as a workbook; records the claim, which the programme's
// reconciliation then shows as claimed and not received, and marks it paid by its receipt.

test("a claim pack for a quarter, a claim recorded, then paid by its receipt", async ({ page, council }) => {
  const funder = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Board`,
    kinds: ["funder"],
  });
  const fund = await council.admin.post("/funds", {
    funderId: funder.id,
    name: "Early help fund",
    fundType: "revenue",
  });
  const line = await council.admin.post(`/programmes/${council.programme.id}/cost-lines`, {
    name: "Family hub workers",
  });
  const commitment = await council.admin.post("/commitments", {
    fundId: fund.id,
    programmeId: council.programme.id,
    recipientId: council.organisation.id,
    title: "Early help grant",
    amountPence: 4_000_000,
    status: "awarded",
    profile: [{ financialYear: "2025/26", amountPence: 4_000_000 }],
  });
  await council.admin.post("/allocations", {
    commitmentId: commitment.id,
    costLineId: line.id,
    amountPence: 4_000_000,
  });
  for (const [spentOn, amountPence, reference] of [
    ["2025-04-15", 1_250_000, "INV-101"],
    ["2025-05-20", 730_055, "INV-102"],
    ["2025-07-02", 500_000, "INV-103"],
  ] as const) {
    await council.admin.post("/spend", {
      programmeId: council.programme.id,
      costLineId: line.id,
      spentOn,
      amountPence,
      supplierName: "Hub Staffing Ltd",
      reference,
    });
  }

  await signInAs(page, council.financeOfficer);
  await page.goto(`/commitments/${commitment.id}`);
  await page.getByRole("link", { name: /The funder's claim pack/ }).click();
  await page.getByLabel("Period from").fill("2025-04-01");
  await page.getByLabel("Period to").fill("2025-06-30");
  const money = page.getByRole("table", { name: /The commitment's money, 1 Apr 2025 to 30 Jun 2025/ });
  const figure = (name: RegExp) => money.getByRole("row", { name }).getByRole("cell");
  await expect(figure(/Spent in the period/)).toHaveText("£19,800.55");
  await expect(figure(/Profiled for the period/)).toHaveText("£40,000.00");
  await expect(page.getByText("Spent £19,800.55 of the £40,000.00 profiled for 2025/26")).toBeVisible();
  const payments = page.getByRole("table", { name: /2 payments in the period/ });
  await expect(payments.getByRole("row", { name: /INV-102/ }).getByRole("cell")).toHaveText([
    "20 May 2025",
    "Hub Staffing Ltd",
    "£7,300.55",
    "Family hub workers",
    "INV-102",
    "100%",
  ]);
  await expectAccessible(page, "the claim pack");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page, `the claim pack at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The workbook for the funder.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the workbook (XLSX)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("claim-2025-04-01-to-2025-06-30.xlsx");

  // The claim made, for what was spent.
  await page.getByLabel("Amount claimed").fill("19,800.55");
  await page.getByLabel("Reference (optional)").fill("EHG-Q1");
  await page.getByRole("button", { name: "Record the claim" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The claim of £19,800.55 is recorded" })).toBeVisible();
  await expect(figure(/Claimed and not yet received/)).toHaveText("£19,800.55");

  await page.goto(`/programmes/${council.programme.id}#money`);
  const funding = page.getByRole("table", { name: "Funding against cost" });
  await expect(
    funding.getByRole("row", { name: /Claimed from funders, not yet received/ }).getByRole("cell"),
  ).toHaveText("£19,800.55");

  // The money arrives: its receipt pays the claim.
  await council.admin.post("/receipts", {
    commitmentId: commitment.id,
    receivedOn: "2025-08-01",
    amountPence: 1_980_055,
    reference: "EHG-Q1 paid",
  });
  await page.goto(`/commitments/${commitment.id}/claim-pack?from=2025-04-01&to=2025-06-30`);
  const claims = page.getByRole("table", { name: /Claims made to the funder/ });
  await claims.getByLabel("Paid by the receipt").selectOption({ label: "1 Aug 2025: £19,800.55 (EHG-Q1 paid)" });
  await claims.getByRole("button", { name: "Mark paid" }).click();
  await expect(claims.getByRole("row", { name: /EHG-Q1/ })).toContainText("Paid 1 Aug 2025");
  await expect(figure(/Claimed and not yet received/)).toHaveText("£0.00");
});
