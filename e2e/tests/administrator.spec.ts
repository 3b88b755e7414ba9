import { daysFromToday, expect, expectAccessible, signInAs, test } from "./own-council.ts";
import { DEMO_USERS, signIn } from "./sign-in.ts";

// An administrator sets a programme up in the web app: the programme, a partner who later
// withdraws (by date, the history kept), a workstream, a decision, and a funder with a fund that
// the finance officer's commitment form then offers (funders' funds only).
test("an administrator sets up a programme, its partners, workstream, decision and funder", async ({
  page,
  browser,
  council,
}) => {
  const tag = council.programme.name.replace("Family hubs ", "");
  // A neighbouring council of the test's own: a demo council as partner would show this
  // programme to other tests' users.
  const neighbour = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Neighbours`,
    kinds: ["council"],
  });
  await signIn(page, DEMO_USERS.administrator);
  await page.getByRole("link", { name: "Add a programme" }).click();
  await page.getByLabel("Lead council").selectOption({ label: council.organisation.name });
  await page.getByLabel("Name").fill(`Speech and language ${tag}`);
  await page.getByLabel("Status").selectOption({ label: "Active" });
  const [year, month, day] = daysFromToday(-30).split("-");
  await page
    .getByRole("group", { name: "Starts (optional)" })
    .getByLabel("Day", { exact: true })
    .fill(String(Number(day)));
  await page
    .getByRole("group", { name: "Starts (optional)" })
    .getByLabel("Month", { exact: true })
    .fill(String(Number(month)));
  await page.getByRole("group", { name: "Starts (optional)" }).getByLabel("Year", { exact: true }).fill(String(year));
  await page.getByLabel("Total cost (optional)").fill("250,000");
  await expectAccessible(page, "the programme form");
  await page.getByRole("button", { name: "Add the programme" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Speech and language ${tag}` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "is added" })).toBeVisible();

  // A partner joins, then withdraws: the row stays, with its date.
  await page.getByRole("link", { name: "Add a partner" }).first().click();
  await page.getByLabel("Organisation").selectOption({ label: String(neighbour.name) });
  await page.getByLabel("Role").selectOption({ label: "Partner" });
  await page.getByRole("button", { name: "Add the partner" }).click();
  const partners = page.getByRole("table", { name: /Who takes part/ });
  const theirRow = partners.getByRole("row", { name: new RegExp(String(neighbour.name)) });
  await expect(theirRow).toContainText("Taking part");
  await theirRow.getByRole("link", { name: /Change or withdraw/ }).click();
  const withdrew = page.getByRole("group", { name: "Withdrew (optional)" });
  await withdrew.getByLabel("Day", { exact: true }).fill("28");
  await withdrew.getByLabel("Month", { exact: true }).fill("2");
  await withdrew.getByLabel("Year", { exact: true }).fill("2026");
  await page.getByRole("button", { name: "Save the partner" }).click();
  await expect(page.getByRole("status").filter({ hasText: "recorded as withdrawn" })).toBeVisible();
  await expect(theirRow).toContainText("Withdrew 28 Feb 2026");

  await page.getByRole("link", { name: "Add a workstream" }).click();
  await page.getByLabel("Name").fill("Early language screening");
  await page.getByRole("button", { name: "Add the workstream" }).click();
  await expect(page.getByRole("status").filter({ hasText: "“Early language screening” is added" })).toBeVisible();

  await page.getByRole("link", { name: "Record a decision" }).click();
  await page.getByLabel("Decision", { exact: true }).fill("Speech and language programme approved");
  await page.getByLabel("Approved by").fill("Cabinet Member – Children's Services");
  await page.getByLabel("Amount approved (optional)").fill("250000");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByRole("table", { name: /Decisions about this programme/ })).toContainText("£250,000.00");

  // A funder and its fund, offered at once to a finance officer recording a commitment.
  await page.getByRole("link", { name: "Organisations" }).click();
  await page.getByRole("link", { name: "Add an organisation" }).click();
  await page.getByLabel("Name").fill(`Talking Futures Trust ${tag}`);
  await page.getByRole("group", { name: "Its kinds" }).getByLabel("Funder").check();
  await page.getByRole("button", { name: "Add the organisation" }).click();
  await page.getByRole("link", { name: "Add a fund" }).click();
  // Funders only: not the supplier Dartington Service Design Lab, not a council that funds nothing.
  await expect(page.getByLabel("Funder").locator("option", { hasText: `Talking Futures Trust ${tag}` })).toHaveCount(1);
  const funders = await page.getByLabel("Funder").locator("option").allTextContents();
  expect(funders).toContain(`Talking Futures Trust ${tag}`);
  expect(funders).not.toContain("Dartington Service Design Lab");
  expect(funders).not.toContain(council.organisation.name);
  await page.getByLabel("Funder").selectOption({ label: `Talking Futures Trust ${tag}` });
  await page.getByLabel("Name").fill(`Talking Futures ${tag}`);
  await page.getByRole("button", { name: "Add the fund" }).click();
  await expect(page.getByRole("table", { name: /funds, by name/ })).toContainText(`Talking Futures ${tag}`);

  const theirs = await browser.newContext();
  const finance = await theirs.newPage();
  await signInAs(finance, council.financeOfficer);
  await finance.goto(`/programmes/${council.programme.id}/commitments/new`);
  await expect(
    finance
      .getByLabel("Fund", { exact: true })
      .locator("option", { hasText: `Talking Futures ${tag} — Talking Futures Trust ${tag}` }),
  ).toHaveCount(1);
  await theirs.close();
});
