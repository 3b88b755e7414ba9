import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./sign-in.ts";

test("a finance officer sees every finding across their programmes, most serious first, and narrows them", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.financeOfficer);
  await page.getByRole("link", { name: "Reconciliation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reconciliation" })).toBeVisible();
  const findings = page.getByRole("table", { name: /Findings .* most serious first/ });
  await expect(findings).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await page.getByLabel("Severity").selectOption({ label: "High" });
  // The unfiltered list stays on screen, marked busy, until the filtered one arrives; its first
  // row is already High (most serious first), so wait for the answer, not for a High row.
  await expect(page.locator('.query-section[aria-busy="true"]')).toHaveCount(0);
  await expect(findings.locator("tbody tr td:first-child").filter({ hasText: /^Medium$/ })).toHaveCount(0);
  const severities = await findings.locator("tbody tr td:first-child").allTextContents();
  expect(severities.length).toBeGreaterThan(0);
  expect(new Set(severities)).toEqual(new Set(["High"]));
  await expect(page.getByRole("link", { name: /CSV/ })).toHaveAttribute(
    "href",
    "/api/reconciliation?severity=high&format=csv",
  );
});

test("findings narrow to one council's programmes and one financial year", async ({ page }) => {
  await signIn(page, DEMO_USERS.administrator);
  await page.getByRole("link", { name: "Reconciliation" }).click();
  const findings = page.getByRole("table", { name: /Findings .* most serious first/ });
  await expect(findings).toBeVisible();

  // Stockport leads or is a partner in one demo programme: the shared early years posts.
  await page.getByLabel("Lead or partner").selectOption({ label: "Stockport Metropolitan Borough Council" });
  await expect(page.getByRole("table", { name: /Across the 1 programme you can see/ })).toBeVisible();
  const programmes = await findings.locator("tbody tr td:nth-child(2)").allTextContents();
  expect(programmes.length).toBeGreaterThan(0);
  expect(new Set(programmes)).toEqual(new Set(["Shared early years education improvement leadership"]));
  await expect(page.getByRole("link", { name: /CSV/ })).toHaveAttribute(
    "href",
    /organisationId=[0-9a-f-]{36}&format=csv$/,
  );

  // It ran in 2022/23 only: in 2019/20 nothing of Stockport's is running.
  await page.getByLabel("Financial year").selectOption("2019/20");
  await expect(page.getByRole("table", { name: /Across the 0 programmes you can see/ })).toBeVisible();
  // A filter that leaves nothing says which filters did it, not that every figure adds up.
  await expect(
    page.getByText(
      /^No findings match these filters \(lead or partner Stockport Metropolitan Borough Council; financial year 2019\/20\)/,
    ),
  ).toBeVisible();
  // The filters are in the address: a reload keeps them, and Back undoes the last.
  await expect(page).toHaveURL(/financialYear=2019%2F20/);
  await page.reload();
  await expect(page.getByLabel("Financial year")).toHaveValue("2019/20");
  await page.goBack();
  await expect(page.getByLabel("Financial year")).toHaveValue("");
  await expect(findings).toBeVisible();
});
