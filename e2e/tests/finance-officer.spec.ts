import {
  daysFromToday,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  type OwnCouncil,
  signInAs,
  test,
} from "./own-council.ts";

// The finance officer's journey: money recorded by hand moves every figure it should, to the
// penny, and moves back when it is retired. Each test funds its own council's programme.

/** A funder and fund of the test's own, so no other test's money shows in its figures. */
async function ownFund(council: OwnCouncil) {
  const funder = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Foundation`,
    kinds: ["funder"],
  });
  const fund = await council.admin.post("/funds", {
    funderId: funder.id,
    name: `${council.organisation.name} early help fund`,
    fundType: "revenue",
  });
  return { funder, fund, label: `${String(fund.name)} — ${String(funder.name)}` };
}

const figureIn = (table: ReturnType<import("@playwright/test").Page["getByRole"]>, row: string | RegExp) =>
  table.getByRole("row", { name: row }).getByRole("cell");

test("a commitment recorded and allocated to a new line moves the programme's figures, the shortfall and the portfolio totals", async ({
  page,
  council,
}) => {
  const { label } = await ownFund(council);
  await signInAs(page, council.financeOfficer);
  await page.goto(`/programmes/${council.programme.id}#money`);
  const funding = page.getByRole("table", { name: "Funding against cost" });
  await expect(figureIn(funding, /Awarded funding/)).toHaveText("£0.00");
  await expect(figureIn(funding, /Shortfall/)).toHaveText("£120,000.00");

  // A cost line with the ledger code a spend import will match.
  await page.getByRole("link", { name: "Add a cost line" }).click();
  await page.getByLabel("Name").fill("Family hub outreach");
  await page.getByLabel("Ledger code (optional)").fill("E2E-FHO");
  await page.getByRole("button", { name: "Add the cost line" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "“Family hub outreach” is added to the cost lines." }),
  ).toBeVisible();
  const lines = page.getByRole("table", { name: /Each cost line's ledger code/ });
  await expect(lines.getByRole("row", { name: /Family hub outreach/ })).toContainText("E2E-FHO");

  // The commitment, its profile summed as it is typed.
  await page.getByRole("link", { name: "Record a funding commitment" }).first().click();
  await page.getByLabel("Fund", { exact: true }).selectOption({ label });
  await page.getByLabel("Title").fill("Early help grant 2026");
  await page.getByLabel("Amount awarded").fill("80,000");
  await page.getByRole("button", { name: "Add a year" }).click();
  await page.getByRole("button", { name: "Add a year" }).click();
  await page.getByLabel("Amount in year 1").fill("50,000");
  await page.getByLabel("Amount in year 2").fill("20000");
  await expect(
    page.getByText("The years add up to £70,000.00: £10,000.00 less than the amount of £80,000.00."),
  ).toBeVisible();
  await expectAccessible(page, "the commitment form with its profile");
  await page.getByRole("button", { name: "Record the commitment" }).click();
  // Refused beside the profile before anything is sent.
  await expect(page.getByRole("alert")).toContainText("The profile must add up to the amount");
  await page.getByLabel("Amount in year 2").fill("30,000.00");
  await expect(page.getByText("The years add up to £80,000.00, the whole amount.")).toBeVisible();
  await page.getByRole("button", { name: "Record the commitment" }).click();

  // Its own page, with its figures and the findings it changed.
  await expect(page.getByRole("heading", { level: 1, name: "Early help grant 2026" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "“Early help grant 2026” is recorded." })).toBeVisible();
  const figures = page.getByRole("table", { name: "The commitment's figures" });
  await expect(figureIn(figures, "Amount awarded")).toHaveText("£80,000.00");
  await expect(figureIn(figures, "Left to allocate")).toHaveText("£80,000.00");

  // Allocated to the new line, what is left shown on both sides as it is typed.
  await page.getByRole("link", { name: "Allocate to a cost line" }).click();
  await page.getByLabel("To the cost line").selectOption({ label: "Family hub outreach (E2E-FHO)" });
  await page.getByLabel("Amount").fill("60,000");
  await expect(page.getByText("£20,000.00 left")).toBeVisible();
  await expect(page.getByText("£60,000.00 allocated")).toBeVisible();
  await expectAccessible(page, "the allocation form");
  await page.getByRole("button", { name: "Allocate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "£60,000.00 is allocated." })).toBeVisible();

  await expect(figureIn(funding, /Awarded funding/)).toHaveText("£80,000.00");
  await expect(figureIn(funding, /Shortfall/)).toHaveText("£40,000.00");
  const commitments = page.getByRole("table", { name: /Each commitment's amount/ });
  await expect(figureIn(commitments, /Early help grant 2026/)).toHaveText([
    "awarded",
    "£80,000.00",
    "£0.00",
    "£60,000.00",
    "£0.00",
  ]);
  await expect(figureIn(lines, /Family hub outreach/).nth(1)).toHaveText("£60,000.00");

  // The portfolio's totals: the council's one programme, on the dashboard.
  await page.getByRole("link", { name: "Dashboard" }).click();
  const figure = (text: string) =>
    page
      .getByRole("listitem")
      .filter({ has: page.getByText(text, { exact: true }) })
      .locator(".figure-value");
  await expect(figure("Committed")).toHaveText("£80,000.00");
  await expect(figure("Allocated to cost lines")).toHaveText("£60,000.00");
  await expect(figure("Funding gap (cost not yet covered)")).toHaveText("£40,000.00");
});

/** A programme shared 3:2 with a partner council, funded and allocated: ready for payments. */
async function sharedProgramme(council: OwnCouncil) {
  const { fund } = await ownFund(council);
  const partner = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Neighbours`,
    kinds: ["council"],
  });
  await council.admin.post(`/programmes/${council.programme.id}/partners`, {
    organisationId: partner.id,
    role: "partner",
    joinedOn: daysFromToday(-300),
  });
  const line = await council.admin.post(`/programmes/${council.programme.id}/cost-lines`, {
    name: "Shared outreach worker",
    ledgerCode: "E2E-SOW",
  });
  const commitment = await council.admin.post("/commitments", {
    fundId: fund.id,
    programmeId: council.programme.id,
    recipientId: council.organisation.id,
    title: "Outreach grant",
    amountPence: 5_000_000,
    status: "awarded",
  });
  await council.admin.post("/allocations", {
    commitmentId: commitment.id,
    costLineId: line.id,
    amountPence: 5_000_000,
  });
  await council.admin.post(`/programmes/${council.programme.id}/cost-sharing-agreements`, {
    name: "Outreach worker, 3:2",
    costLineId: line.id,
    shares: [
      { organisationId: council.organisation.id, parts: 3 },
      { organisationId: partner.id, parts: 2 },
    ],
  });
  return { partner, line, commitment };
}

test("a payment moves spent, the line's variance and each partner's due to the penny; retiring it moves them back", async ({
  page,
  council,
}) => {
  const { partner } = await sharedProgramme(council);
  await signInAs(page, council.financeOfficer);
  await page.goto(`/programmes/${council.programme.id}#payments`);
  await page.getByRole("link", { name: "Record a payment" }).first().click();
  await page.getByLabel("Day", { exact: true }).fill(String(Number(daysFromToday(-10).slice(8, 10))));
  await page.getByLabel("Month", { exact: true }).fill(String(Number(daysFromToday(-10).slice(5, 7))));
  await page.getByLabel("Year", { exact: true }).fill(daysFromToday(-10).slice(0, 4));
  await page.getByLabel("Amount", { exact: true }).fill("£1,000.01");
  await page.getByLabel("Cost line").selectOption({ label: "Shared outreach worker (E2E-SOW)" });
  await page.getByLabel("Supplier").fill("Outreach Staffing Ltd");
  await page.getByLabel("Invoice or transaction reference (optional)").fill("OSL-0042");
  await expectAccessible(page, "the payment form");
  await page.getByRole("button", { name: "Record it" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Payment of £1,000.01 to Outreach Staffing Ltd" }),
  ).toBeVisible();

  const lines = page.getByRole("table", { name: /Each cost line's ledger code/ });
  await expect(figureIn(lines, /Shared outreach worker/)).toHaveText([
    "E2E-SOW",
    "£50,000.00",
    "£1,000.01",
    "£48,999.99",
    /^Allocate/,
  ]);
  // 3:2 of £1,000.01 is £600.006 and £400.004: the odd penny to the larger remainder.
  const shares = page.getByRole("table", { name: /Outreach worker, 3:2: each partner's share of £1,000.01 spent/ });
  await expect(figureIn(shares, new RegExp(council.organisation.name)).nth(1)).toHaveText("£600.01");
  await expect(figureIn(shares, new RegExp(String(partner.name))).nth(1)).toHaveText("£400.00");
  const payments = page.getByRole("table", { name: /1 payment/ });
  await expect(payments).toContainText("OSL-0042");

  // Retired with a reason: every figure moves back.
  await payments.getByRole("link", { name: /Retire the payment to Outreach Staffing Ltd/ }).click();
  await page.getByLabel("Why is it being retired?").fill("Entered twice: the ledger import has it.");
  await expectAccessible(page, "the retire form");
  await page.getByRole("button", { name: "Retire the payment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The payment is retired." })).toBeVisible();
  await expect(figureIn(lines, /Shared outreach worker/).nth(2)).toHaveText("£0.00");
  await expect(figureIn(lines, /Shared outreach worker/).nth(3)).toHaveText("£50,000.00");
  await expect(
    page.getByRole("table", { name: /Outreach worker, 3:2: each partner's share of £0.00 spent/ }),
  ).toBeVisible();
  await expect(page.getByText("No payments yet")).toBeVisible();
});

test("on a shared programme the partner council reads the lead's payments but does not change them, until the lead grants it lines of its own", async ({
  page,
  browser,
  baseURL,
  council,
}) => {
  const { partner, line } = await sharedProgramme(council);
  // A payment the lead recorded (the administrator takes no part, so records it in the lead's books).
  const payment = await council.admin.post("/spend", {
    programmeId: council.programme.id,
    costLineId: line.id,
    spentOn: daysFromToday(-5),
    amountPence: 250_000,
    supplierName: "Lead Council Catering",
    reference: "LCC-7",
  });
  const partnerOfficer = await council.personIn(partner.id, "finance_officer", "Parveen Partner");
  await signInAs(page, partnerOfficer);
  await page.goto(`/programmes/${council.programme.id}#payments`);

  // Read: the payment, its figures and whose books it is in.
  const payments = page.getByRole("table", { name: /1 payment/ });
  await expect(payments.getByRole("row", { name: /Lead Council Catering/ }).getByRole("cell")).toHaveText([
    "Lead Council Catering",
    "Shared outreach worker",
    "Shared",
    "LCC-7",
    council.organisation.name,
    "£2,500.00",
    `${council.organisation.name}'s to change`,
  ]);
  const lines = page.getByRole("table", { name: /Each cost line's ledger code/ });
  await expect(figureIn(lines, /Shared outreach worker/).nth(2)).toHaveText("£2,500.00");
  // Not changed: no links to the forms, no cost lines of its own to add, and the form's address says why.
  await expect(payments.getByRole("link", { name: /Correct the payment/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Add a cost line" })).toHaveCount(0);
  await expectAccessible(page, "a partner's view of a shared programme");
  await page.goto(`/programmes/${council.programme.id}/spend/${payment.id}/edit`);
  await expect(
    page.getByText(
      `This payment is in ${council.organisation.name}'s books: only ${council.organisation.name} can correct or retire it.`,
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Save it" })).toHaveCount(0);

  // The lead's finance officer grants the partner the right to add cost lines …
  const leadBrowser = await browser.newContext({ baseURL });
  const lead = await leadBrowser.newPage();
  await signInAs(lead, council.financeOfficer);
  await lead.goto(`/programmes/${council.programme.id}#partners`);
  await lead.getByRole("button", { name: `Let it add cost lines for ${String(partner.name)}` }).click();
  await expect(
    lead.getByRole("status").filter({ hasText: `${String(partner.name)} may now add cost lines` }),
  ).toBeVisible();
  await expect(
    lead.getByRole("table", { name: /Who takes part/ }).getByRole("row", { name: new RegExp(String(partner.name)) }),
  ).toContainText("Yes (granted)");
  await leadBrowser.close();

  // … and the partner adds one of its own, which it may change; the lead's payment stays the lead's.
  await page.goto(`/programmes/${council.programme.id}#money`);
  await page.getByRole("link", { name: "Add a cost line" }).click();
  await page.getByLabel("Name").fill("Neighbours' outreach");
  await page.getByRole("button", { name: "Add the cost line" }).click();
  await expect(figureIn(lines, /Neighbours' outreach/).last()).toHaveText(/^Allocate.*Change.*Retire/);
  await expect(figureIn(lines, /Shared outreach worker/).last()).toHaveText(`${council.organisation.name}'s to change`);
  await expect(page.getByRole("table", { name: /1 payment/ })).toContainText(
    `${council.organisation.name}'s to change`,
  );
});

test("a stale edit of a commitment gets the conflict screen, and can be applied to the fresh version", async ({
  page,
  council,
}) => {
  const { commitment } = await sharedProgramme(council);
  await signInAs(page, council.financeOfficer);
  await page.goto(`/commitments/${commitment.id}/edit`);
  await page.getByLabel("Title").fill("Outreach grant (corrected)");
  // Meanwhile someone else corrects the amount.
  await council.admin.patch(`/commitments/${commitment.id}`, { version: commitment.version, amountPence: 5_500_000 });
  await page.getByRole("button", { name: "Save the commitment" }).click();
  const conflict = page.getByRole("region", { name: /changed/i }).or(page.locator(".conflict-notice"));
  await expect(conflict).toContainText("£55,000.00");
  await expectAccessible(page, "the conflict screen");
  await page.getByRole("button", { name: "Apply my changes to their version" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outreach grant (corrected)" })).toBeVisible();
  // My title is applied to their version: their new amount stands, not the one I first read.
  await expect(figureIn(page.getByRole("table", { name: "The commitment's figures" }), "Amount awarded")).toHaveText(
    "£55,000.00",
  );
});

test("a viewer sees the money but no forms and no write buttons", async ({ page, council }) => {
  await sharedProgramme(council);
  await signInAs(page, council.viewer);
  await page.goto(`/programmes/${council.programme.id}#money`);
  await expect(page.getByRole("table", { name: /Each cost line's ledger code/ })).toContainText("E2E-SOW");
  for (const name of [
    "Record a funding commitment",
    "Add a cost line",
    "Allocate funding",
    "Share a cost between partners",
    "Record a payment",
    "Record a decision",
  ]) {
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: /^(Correct|Retire|Change|Allocate)\b/ })).toHaveCount(0);
  await page.goto(`/programmes/${council.programme.id}/spend/new`);
  await expect(page.getByRole("heading", { level: 1, name: "You cannot open this page" })).toBeVisible();
  await page.goto("/money/commitments");
  await expect(page.getByRole("table", { name: /commitment/ })).toContainText("Outreach grant");
});

for (const width of [1280, 320]) {
  test(`the money lists and forms read well at ${width} px`, async ({ page, council }) => {
    const { commitment } = await sharedProgramme(council);
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, council.financeOfficer);
    for (const [path, state] of [
      [`/programmes/${council.programme.id}`, "the programme page with its money forms' links"],
      ["/money/commitments", "the commitments list"],
      ["/money/spend", "the spend list"],
      ["/money/exports", "the exports"],
      [`/commitments/${commitment.id}`, "a commitment's page"],
      [`/programmes/${council.programme.id}/cost-sharing/new`, "the cost-sharing form"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page, `${state} at ${width} px`);
      await expectNoSidewaysScroll(page, `${state} at ${width} px`);
    }
  });
}
