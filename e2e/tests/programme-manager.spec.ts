import type { Locator, Page } from "@playwright/test";
import {
  daysFromToday,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  type OwnCouncil,
  signInAs,
  test,
} from "./own-council.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** `2026-11-22` as the app shows it: `22 Nov 2026`. */
const shown = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** The test programme's delivery records: one milestone overdue, one due soon, one met, one far off. */
async function recordDelivery({ admin, programme }: OwnCouncil) {
  const milestone = (description: string, baselineOn: string, extra: object = {}) =>
    admin.post("/milestones", { programmeId: programme.id, description, baselineOn, ...extra });
  const overdue = await milestone("Hub opens in Ashton", daysFromToday(-20), {
    status: "at_risk",
    ownerName: "Hubs lead",
  });
  const dueSoon = await milestone("Health visitors co-located", daysFromToday(10), { status: "on_track" });
  const met = await milestone("Hub staff recruited", daysFromToday(-60));
  await admin.patch(`/milestones/${met.id}`, { version: 1, status: "met", actualOn: daysFromToday(-58) });
  await milestone("Evaluation report", daysFromToday(200), {
    baselinePrecision: "season",
    baselineLabel: "Spring 2027",
  });
  const visits = await admin.post("/deliverables", {
    programmeId: programme.id,
    description: "Site visits hosted",
    targetCount: 10,
  });
  await admin.patch(`/deliverables/${visits.id}`, { version: 1, achievedCount: 6 });
  const benefit = await admin.post("/benefits", {
    programmeId: programme.id,
    name: "Children school-ready",
    measure: "% of children reaching a good level of development",
    benefitType: "direct",
    direction: "increase",
    unit: "%",
    baselineValue: "60",
    targetValue: "70",
  });
  await admin.post(`/benefits/${benefit.id}/readings`, { readOn: daysFromToday(-90), value: "62" });
  await admin.post("/risks", { programmeId: programme.id, title: "Recruitment delays", likelihood: 3, impact: 4 });
  return { overdue, dueSoon };
}

/** A link such as "Mark complete" with the record it acts on, as a screen reader hears it. */
const action = (verb: string, record: string) => new RegExp(`^${verb}\\s?: ${record}$`);

/** Presses Tab until `target` has focus: the way a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, most = 80) {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test("a programme manager marks an overdue milestone complete from their home page, by keyboard alone", async ({
  page,
  council,
}) => {
  await recordDelivery(council);
  await page.goto("/");
  await page.getByLabel("Email address").focus();
  await page.keyboard.type(council.manager.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(council.manager.password);
  await page.keyboard.press("Enter");
  // Focus moves to the new page's heading; the home page leads with what is overdue.
  await expect(page.getByRole("heading", { level: 1, name: "Your milestones and programmes" })).toBeFocused();
  const overdue = page.getByRole("list", { name: "Overdue (1)" });
  await expect(overdue).toContainText("Hub opens in Ashton");
  await expect(page.getByRole("list", { name: "Due soon (1)" })).toContainText("Health visitors co-located");
  await expectAccessible(page, "the programme manager's home page");

  // 1: the milestone's "Mark complete" link.
  await tabTo(page, page.getByRole("link", { name: action("Mark complete", "Hub opens in Ashton") }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Mark a milestone complete" })).toBeFocused();
  // A date that does not exist, and no evidence: the summary takes focus and links to each field.
  await tabTo(page, page.getByRole("group", { name: "Date completed" }).getByLabel("Day", { exact: true }));
  await page.keyboard.press("Control+A");
  await page.keyboard.type("31");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2");
  await tabTo(page, page.getByRole("button", { name: "Mark complete" }));
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    "Date completed must be a real date, for example 27 3 2026",
    "Evidence must not be blank",
  ]);
  await expectAccessible(page, "the completion form with errors");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("group", { name: /Date completed/ }).getByLabel("Day", { exact: true })).toBeFocused();
  // What was typed is still there.
  await expect(page.getByRole("group", { name: /Date completed/ }).getByLabel("Month", { exact: true })).toHaveValue(
    "2",
  );

  const today = daysFromToday(0);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(String(Number(today.slice(8, 10))));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(String(Number(today.slice(5, 7))));
  await tabTo(page, page.getByLabel("Evidence"));
  await page.keyboard.type("Opening report to the hubs board");
  // 2: save.
  await tabTo(page, page.getByRole("button", { name: "Mark complete" }));
  await page.keyboard.press("Enter");

  const confirmation = page.getByRole("status").filter({ hasText: "Saved" });
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toContainText("“Hub opens in Ashton” is marked complete.");
  await expect(page.getByTestId("milestone-counts")).toHaveText("4 milestones: 1 not started, 1 on track, 2 complete");
  const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Hub opens in Ashton" }) });
  await expect(entry.getByText("Complete", { exact: true })).toBeVisible();
  await expect(entry.getByText(shown(today), { exact: true })).toBeVisible();
  await expect(entry.getByText("Opening report to the hubs board")).toBeVisible();
  await entry.getByText("History (1 change)").click();
  await expect(entry.getByRole("listitem")).toContainText(
    "Morgan Manager: status At risk → Complete; completed none →",
  );
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    "Morgan Manager changed milestone: “Hub opens in Ashton”",
  );

  // Home again: nothing overdue now; the milestone due soon is still there.
  await tabTo(page, page.getByRole("link", { name: "Home" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Due soon (1)" })).toContainText("Health visitors co-located");
  await expect(page.getByRole("list", { name: /Overdue/ })).toHaveCount(0);
});

test("a programme manager records a deliverable's count and a benefit reading, and the figures move", async ({
  page,
  council,
}) => {
  await recordDelivery(council);
  await signInAs(page, council.manager);
  await page.getByRole("link", { name: council.programme.name }).first().click();
  const deliverables = page.getByRole("table", { name: /Each deliverable's target/ });
  await expect(deliverables.getByRole("row", { name: /Site visits hosted/ })).toContainText("60%");

  await page.getByRole("link", { name: action("Record progress", "Site visits hosted") }).click();
  await page.getByLabel("Number achieved so far").fill("eight");
  await page.getByRole("button", { name: "Save progress" }).click();
  await expect(page.getByRole("alert").getByRole("link")).toHaveText(
    "Number achieved so far must be a whole number, like 12",
  );
  await page.getByLabel("Number achieved so far").fill("8");
  await page.getByRole("button", { name: "Save progress" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(
    "“Site visits hosted”: 8 of 10 achieved.",
  );
  const visits = deliverables.getByRole("row", { name: /Site visits hosted/ });
  await expect(visits.getByRole("cell")).toContainText(["10", "8", "80%"]);

  const benefit = page.getByRole("article", { name: "Children school-ready" });
  await expect(benefit.getByTestId("benefit-latest")).toHaveText(`62% (${shown(daysFromToday(-90))})`);
  await expect(benefit.getByRole("figure", { name: /Line chart: readings of Children school-ready/ })).toBeVisible();
  await benefit.getByRole("link", { name: action("Add a reading", "Children school-ready") }).click();
  await page.getByLabel("Reading (%)").fill("64.55555");
  await page.getByRole("button", { name: "Add the reading" }).click();
  await expect(page.getByRole("alert").getByRole("link")).toHaveText(
    "Reading (%) must be a number with at most 4 decimal places",
  );
  await page.getByLabel("Reading (%)").fill("64.5");
  await page.getByRole("button", { name: "Add the reading" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText("a reading of 64.5 %");
  await expect(benefit.getByTestId("benefit-latest")).toHaveText(`64.5% (${shown(daysFromToday(0))})`);
  const readings = benefit.getByRole("table", { name: /Readings of Children school-ready/ });
  await expect(readings.getByRole("row")).toHaveCount(3);
  await expect(readings.getByRole("row").last()).toContainText(["64.5"]);
  await expectAccessible(page, "the programme page after saving");
});

test("a programme manager adds and updates a risk and adds a milestone written as a season", async ({
  page,
  council,
}) => {
  await signInAs(page, council.manager);
  await page.getByRole("link", { name: council.programme.name }).first().click();
  // A new programme: every section says it is empty, and how to fill it.
  for (const empty of ["No milestones yet", "No deliverables yet", "No benefits yet", "No risks yet"]) {
    await expect(page.getByText(empty)).toBeVisible();
  }
  await expectAccessible(page, "an empty programme");

  await page.getByRole("region", { name: "Risks" }).getByRole("link", { name: "add the first" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a risk" })).toBeFocused();
  await page.getByRole("button", { name: "Add the risk" }).click();
  await expect(page.getByRole("alert").getByRole("link")).toHaveText(["Risk must not be blank"]);
  await page.getByLabel("Risk", { exact: true }).fill("Landlord withdraws the Ashton lease");
  await page.getByLabel("Likelihood").selectOption("2");
  await page.getByLabel("Impact").selectOption("5");
  await page.getByLabel("Mitigation (optional)").fill("Second site identified in Hyde");
  await page.getByRole("button", { name: "Add the risk" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText("is added to the risks");
  const risk = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "Landlord withdraws the Ashton lease" }) });
  await expect(risk).toContainText("Medium (10)");

  await risk.getByRole("link", { name: /Update/ }).click();
  await page.getByLabel("Likelihood").selectOption("4");
  await page.getByLabel("Status").selectOption("mitigating");
  await page.getByRole("button", { name: "Save the risk" }).click();
  await expect(risk).toContainText("High (20)");
  await expect(risk).toContainText("Being mitigated");

  await page.getByRole("link", { name: "Add a milestone" }).click();
  await page.getByLabel("Milestone", { exact: true }).fill("Second hub opens in Hyde");
  const planned = page.getByRole("group", { name: "Planned date" });
  await planned.getByLabel("Day", { exact: true }).fill("30");
  await planned.getByLabel("Month", { exact: true }).fill("6");
  await planned.getByLabel("Year", { exact: true }).fill("2027");
  await page.getByLabel("How exact the planned date is").selectOption("season");
  await page.getByLabel("The planned date as written (optional)").fill("Summer 2027");
  await page.getByRole("button", { name: "Add the milestone" }).click();
  const added = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "Second hub opens in Hyde" }) });
  await expect(added).toContainText("Summer 2027");
  await expect(page.getByTestId("milestone-counts")).toHaveText("1 milestone: 1 not started");
});

test("a save from a second browser that read the milestone before the first saved gets the 409 screen", async ({
  browser,
  council,
}) => {
  const { dueSoon } = await recordDelivery(council);
  // Two people's browsers: separate contexts, separate sessions.
  const [first, second] = await Promise.all([
    browser.newContext().then((context) => context.newPage()),
    browser.newContext().then((context) => context.newPage()),
  ]);
  for (const page of [first, second]) {
    await signInAs(page, council.manager);
    await page.goto(`/programmes/${council.programme.id}/milestones/${dueSoon.id}/reschedule`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Move a milestone’s forecast or change its status",
    );
  }
  const reschedule = async (page: Page, date: string, reason: string) => {
    const forecast = page.getByRole("group", { name: /Forecast date/ });
    await forecast.getByLabel("Day", { exact: true }).fill(String(Number(date.slice(8, 10))));
    await forecast.getByLabel("Month", { exact: true }).fill(String(Number(date.slice(5, 7))));
    await forecast.getByLabel("Year", { exact: true }).fill(date.slice(0, 4));
    await page.getByLabel("Reason for the change").fill(reason);
    await page.getByRole("button", { name: "Save the change" }).click();
  };
  await reschedule(first, daysFromToday(15), "Contractor late");
  await expect(first.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await reschedule(second, daysFromToday(20), "Staff away in August");
  const conflict = second.getByRole("region", {
    name: "Someone else changed this milestone while you were editing it",
  });
  await expect(conflict.getByRole("heading")).toBeFocused();
  const forecastRow = conflict.getByRole("row", { name: /Forecast date/ });
  await expect(forecastRow.getByRole("cell")).toHaveText([shown(daysFromToday(15)), shown(daysFromToday(20))]);
  await expect(conflict.getByRole("row", { name: /Reason for the change/ }).getByRole("cell")).toHaveText([
    "none",
    "Staff away in August",
  ]);
  await expectAccessible(second, "the conflict screen");
  await conflict.getByRole("button", { name: "Apply my changes to their version" }).click();
  await expect(second.getByRole("status").filter({ hasText: "Saved" })).toBeFocused();
  const entry = second
    .getByRole("listitem")
    .filter({ has: second.getByRole("heading", { name: "Health visitors co-located" }) });
  await expect(entry.getByText(shown(daysFromToday(20)), { exact: true })).toBeVisible();
  await expect(entry.getByText("History (2 changes)")).toBeVisible();
  await Promise.all([first.context().close(), second.context().close()]);
});

test("every programme manager page passes axe, wide and narrow, in each of its states", async ({ page, council }) => {
  // Fourteen pages, twice, each checked by axe: longer than one journey.
  test.setTimeout(180_000);
  const { overdue } = await recordDelivery(council);
  await signInAs(page, council.manager);
  const programme = `/programmes/${council.programme.id}`;
  const benefits = (await council.admin.get(`/benefits?programmeId=${council.programme.id}`)).benefits as {
    id: string;
  }[];
  const deliverables = (await council.admin.get(`/deliverables?programmeId=${council.programme.id}`)).deliverables as {
    id: string;
  }[];
  const risks = (await council.admin.get(`/risks?programmeId=${council.programme.id}`)).risks as { id: string }[];
  const pages: [string, string][] = [
    ["/", "Your milestones and programmes"],
    [programme, council.programme.name],
    [`${programme}/milestones/new`, "Add a milestone"],
    [`${programme}/milestones/${overdue.id}/complete`, "Mark a milestone complete"],
    [`${programme}/milestones/${overdue.id}/reschedule`, "Move a milestone’s forecast or change its status"],
    [`${programme}/deliverables/new`, "Add a deliverable"],
    [`${programme}/deliverables/${deliverables[0]?.id}/progress`, "Record progress on a deliverable"],
    [`${programme}/benefits/new`, "Add a benefit"],
    [`${programme}/benefits/${benefits[0]?.id}/readings/new`, "Add a reading"],
    [`${programme}/risks/new`, "Add a risk"],
    [`${programme}/risks/${risks[0]?.id}/edit`, "Update a risk"],
    [`${programme}/milestones/${crypto.randomUUID()}/complete`, "Milestone not found"],
    ["/users", "You cannot open this page"],
    ["/no/such/page", "Page not found"],
  ];
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      await expectNoSidewaysScroll(page, `${path} at ${width}px`);
      await expectAccessible(page, `${path} at ${width}px`);
    }
  }

  // A failed load (and the one automatic retry) says so, with a way to try again that works.
  let failures = 2;
  await page.route(`**/api/programmes/${council.programme.id}`, (route) =>
    failures-- > 0 ? route.fulfill({ status: 503, body: "" }) : route.continue(),
  );
  await page.goto(programme);
  await expect(page.getByRole("alert")).toContainText("The programme could not be loaded.");
  await expectAccessible(page, "a programme that failed to load");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: council.programme.name })).toBeVisible();
});

test("on a programme whose owner approves its readings, a manager's reading waits for the owner, then the dashboard shows it", async ({
  page,
  browser,
  baseURL,
  council,
}) => {
  await recordDelivery(council);
  // The council's director (a viewer) owns the programme's readings.
  const programme = await council.admin.get(`/programmes/${council.programme.id}`);
  await council.admin.patch(`/programmes/${council.programme.id}`, {
    version: programme.version,
    readingsApproverId: council.viewer.id,
  });

  await signInAs(page, council.manager);
  await page.goto(`/programmes/${council.programme.id}#benefits`);
  const benefit = page.getByRole("article", { name: "Children school-ready" });
  await benefit.getByRole("link", { name: action("Add a reading", "Children school-ready") }).click();
  await page.getByLabel("Reading (%)").fill("70");
  await page.getByRole("button", { name: "Add the reading" }).click();
  await expect(benefit.getByTestId("benefit-latest")).toHaveText(`62% (${shown(daysFromToday(-90))}) (approved)`);
  await expect(benefit).toContainText("One reading for Val Viewer to approve");
  const readings = benefit.getByRole("table", { name: /Readings of Children school-ready/ });
  await expect(readings.getByRole("row").last()).toContainText("Submitted by Morgan Manager, awaiting approval");

  const ownerContext = await browser.newContext({ baseURL });
  const ownerPage = await ownerContext.newPage();
  await signInAs(ownerPage, council.viewer);
  await ownerPage.goto(`/dashboard?programmeId=${council.programme.id}`);
  await expect(ownerPage.getByRole("row", { name: /Children school-ready/ })).toContainText(
    "1 reading awaiting approval",
  );
  await ownerPage.goto(`/programmes/${council.programme.id}#benefits`);
  const owned = ownerPage.getByRole("article", { name: "Children school-ready" });
  await owned.getByRole("button", { name: `Approve the reading of ${shown(daysFromToday(0))}` }).click();
  await expect(owned.getByTestId("benefit-latest")).toHaveText(`70% (${shown(daysFromToday(0))}) (approved)`);
  await expect(
    owned
      .getByRole("table", { name: /Readings of/ })
      .getByRole("row")
      .last(),
  ).toContainText("Approved by Val Viewer");
  await expectAccessible(ownerPage, "the benefits with a reading approved");
  await ownerPage.goto(`/dashboard?programmeId=${council.programme.id}`);
  const row = ownerPage.getByRole("row", { name: /Children school-ready/ });
  await expect(row).toContainText(`70% (${shown(daysFromToday(0))})`);
  await expect(row).not.toContainText("awaiting approval");
  await ownerContext.close();
});
