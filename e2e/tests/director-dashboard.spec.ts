import {
  daysFromToday,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  type OwnCouncil,
  signInAs,
  test,
} from "./own-council.ts";

/**
 * The test's programme funded by two funders of its own, £50,000 and £30,000 on one cost line,
 * with £12,345.67 spent on it: each funder's share of the spend is pro rata, to the penny.
 */
async function fundProgramme({ admin, organisation, programme }: OwnCouncil) {
  const funder = async (name: string) => {
    const organisationOfFunder = await admin.post("/organisations", {
      name: `${organisation.name} ${name}`,
      kinds: ["funder"],
    });
    const fund = await admin.post("/funds", {
      funderId: organisationOfFunder.id,
      name: `${name} fund`,
      fundType: "revenue",
    });
    return { organisation: organisationOfFunder, fund };
  };
  const [trust, lottery] = [await funder("Trust"), await funder("Lottery")];
  const line = await admin.post(`/programmes/${programme.id}/cost-lines`, {
    name: "Hub staff",
    ledgerCode: `HUB-${programme.id.slice(0, 6)}`,
  });
  for (const [source, pounds] of [
    [trust, 50_000],
    [lottery, 30_000],
  ] as const) {
    const commitment = await admin.post("/commitments", {
      fundId: source.fund.id,
      programmeId: programme.id,
      recipientId: organisation.id,
      title: `${source.organisation.name} grant`,
      amountPence: pounds * 100,
      status: "awarded",
      awardedOn: daysFromToday(-200),
    });
    await admin.post("/allocations", { commitmentId: commitment.id, costLineId: line.id, amountPence: pounds * 100 });
  }
  const spend = (amountPence: number) =>
    admin.post("/spend", {
      programmeId: programme.id,
      costLineId: line.id,
      spentOn: daysFromToday(-30),
      amountPence,
      supplierName: "Hub staffing agency",
    });
  await spend(1_234_567);
  return { trust: trust.organisation, spend };
}

test("a director sees the money and the delivery, chooses a funder in the address, and the figures move", async ({
  page,
  council,
}) => {
  const { trust, spend } = await fundProgramme(council);
  const overdue = await council.admin.post("/milestones", {
    programmeId: council.programme.id,
    description: "Second hub opens",
    baselineOn: daysFromToday(-10),
    status: "at_risk",
  });
  await signInAs(page, council.financeOfficer);
  await expect(page.getByRole("heading", { level: 1, name: "Programmes at a glance" })).toBeFocused();

  const figure = (label: string | RegExp) =>
    page
      .getByRole("listitem")
      .filter({ has: page.getByText(label, { exact: typeof label === "string" }) })
      .locator(".figure-value");
  await expect(figure("Committed")).toHaveText("£80,000.00");
  await expect(figure("Allocated to cost lines")).toHaveText("£80,000.00");
  await expect(figure("Spent to date")).toHaveText("£12,345.67");
  // The programme's £120,000 cost, £80,000 of it awarded.
  await expect(figure("Funding gap (cost not yet covered)")).toHaveText("£40,000.00");
  await expect(figure("Overdue")).toHaveText("1");
  await expect(page.getByRole("table", { name: /soonest due first/i }).first()).toContainText("Second hub opens");
  await expectAccessible(page, "the dashboard");

  // By funder: each one's own money, the spend shared pro rata on the line they both fund.
  const byFunder = page.getByRole("table", { name: /Each funder's own commitments/ });
  await expect(byFunder.getByRole("row", { name: new RegExp(`${trust.name} `) }).getByRole("cell")).toHaveText([
    "£50,000.00",
    "£0.00",
    "£50,000.00",
    "£7,716.04",
  ]);
  await expect(
    byFunder
      .getByRole("row", { name: /Lottery/ })
      .getByRole("cell")
      .nth(3),
  ).toHaveText("£4,629.63");
  // The download holds exactly the figures the table shows.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download these figures by funder (CSV)" }).click(),
  ]);
  const csv = await (await import("node:fs/promises")).readFile((await download.path()) ?? "", "utf8");
  expect(csv).toContain(`${trust.name},50000.00,0.00,50000.00,7716.04`);
  const byYear = page.getByRole("table", { name: /Funding profiled for each financial year/ });
  await expect(byYear.getByRole("row").last().getByRole("cell").nth(1)).toHaveText("£12,345.67");

  // One funder's own share: £12,345.67 × 50/80 = £7,716.04375, the odd penny to the larger fraction.
  await page.getByLabel("Funder", { exact: true }).selectOption({ label: trust.name as string });
  await expect(page).toHaveURL(new RegExp(`funderId=${trust.id}`));
  await expect(figure(/^Committed/)).toHaveText("£50,000.00");
  await expect(figure(/^Spent to date/)).toHaveText("£7,716.04");
  // The programme, in the programmes table, at the funder's own share too: £50,000 of its £80,000.
  const programmeRow = page
    .getByRole("table", { name: /money committed, allocated and spent \(the chosen funder's own share\)/ })
    .getByRole("row", { name: new RegExp(council.programme.name) });
  await expect(programmeRow.getByRole("cell").nth(2)).toHaveText("£50,000.00");
  await expect(programmeRow.getByRole("cell").nth(4)).toHaveText("£7,716.04");
  // The view survives a reload, and Back steps out of it.
  await page.reload();
  await expect(figure(/^Committed/)).toHaveText("£50,000.00");
  await page.goBack();
  await expect(page).not.toHaveURL(/funderId/);
  await expect(figure("Committed")).toHaveText("£80,000.00");

  // A payment and a completed milestone move the figures.
  await spend(100_000);
  await council.admin.patch(`/milestones/${overdue.id}`, { version: 1, status: "met", actualOn: daysFromToday(0) });
  await page.reload();
  await expect(figure("Spent to date")).toHaveText("£13,345.67");
  // The spend-over-time line's last point and its table move with it.
  const overTime = page.getByRole("table", { name: /^Spend in each month and to date/ });
  await expect(overTime.locator("tbody tr").last().locator("td").last()).toHaveText("£13,345.67");
  await expect(figure("Overdue")).toHaveText("0");
  await expect(figure("Complete")).toHaveText("1");

  // For committee: the filters and the time, no navigation or filter controls.
  await page.getByLabel("Funder", { exact: true }).selectOption({ label: trust.name as string });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText(/^As at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\. Filters: funder /)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("form", { name: "Filters" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoSidewaysScroll(page, "the dashboard at 320px");
  await expectAccessible(page, "the dashboard at 320px");
});

test("a filter that leaves nothing says which filters did it", async ({ page, council }) => {
  await signInAs(page, council.viewer);
  await page.getByLabel("Programme status").selectOption("closed");
  await expect(page.getByText("No programmes match these filters (status Closed).")).toBeVisible();
  await expectAccessible(page, "an empty dashboard");
});
