import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./sign-in.ts";

test("a programme manager opens a programme's money and sees each partner's share to the penny", async ({ page }) => {
  await signIn(page, DEMO_USERS.programmeManager);
  // The home page names the programme on each milestone due, and in the programmes table.
  await page
    .getByRole("table", { name: /money committed, allocated and spent/ })
    .getByRole("link", { name: "Shared early years education improvement leadership" })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Shared early years education improvement leadership" }),
  ).toBeVisible();

  const funding = page.getByRole("table", { name: "Funding against cost" });
  await expect(funding.getByRole("row", { name: /Total cost/ })).toContainText("£260,000.00");
  await expect(funding.getByRole("row", { name: /Awarded funding/ })).toContainText("£260,000.00");

  // £110,000 spent on the shared posts, half each: Tameside has paid £50,000 of its £55,000.
  const shares = page.getByRole("table", { name: /half each: each partner's share of £110,000.00 spent/ });
  const tameside = shares.getByRole("row", { name: /Tameside/ });
  await expect(page.getByText("1 Apr 2022 to 31 Mar 2023")).toBeVisible();
  await expect(tameside.getByRole("cell")).toHaveText(["1 part (50%)", "£55,000.00", "£50,000.00", "-£5,000.00"]);
  // Tameside behind its share, and the programme ended on 31 Mar 2023 with £150,000 of £260,000 unspent.
  const findings = page.getByRole("table", { name: /^3 findings, most serious first/ });
  await expect(findings).toContainText("Partner behind its share");
  await expect(findings.getByRole("row", { name: /Committed money unspent after the end/ })).toHaveCount(2);
  await expect(page.getByRole("table", { name: /profiled and spent in each financial year/ })).toContainText("2022/23");
  // Each cost line says the ledger code a spend import matches it by.
  await expect(
    page
      .getByRole("table", { name: /Each cost line's ledger code/ })
      .getByRole("row", { name: /Shared early years leadership posts/ }),
  ).toContainText("EY-SHARED");

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  // Printed for committee: the report without the site's header or the print button.
  await expect(page.getByRole("banner")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print as a committee report" })).toBeHidden();
  await expect(shares).toBeVisible();
  // The paper says when its figures were true.
  await expect(page.getByText(/^As at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/)).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The portfolio's findings link to the same page.
  await page.getByRole("link", { name: "Reconciliation" }).click();
  await page
    .getByRole("table", { name: /Findings .* most serious first/ })
    .getByRole("link", { name: "Shared early years education improvement leadership" })
    .first()
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Shared early years education improvement leadership" }),
  ).toBeVisible();
});
