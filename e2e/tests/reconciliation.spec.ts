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
  await expect(findings.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("High");
  const severities = await findings.locator("tbody tr td:first-child").allTextContents();
  expect(severities.length).toBeGreaterThan(0);
  expect(new Set(severities)).toEqual(new Set(["High"]));
  await expect(page.getByRole("link", { name: /CSV/ })).toHaveAttribute(
    "href",
    "/api/reconciliation?severity=high&format=csv",
  );
});
