import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./sign-in.ts";

const LEDGER = [
  "Date Paid,Transaction No,Cost Centre,Supplier Name,Expense Type,Net Amount",
  '14/01/2021,E2E-1,EY-DSDL,Dartington Service Design Lab,Consultancy,"1,500.00"',
  "15/01/2021,E2E-2,EY-DSDL,Dartington Service Design Lab,Consultancy,250.25",
  "31/02/2021,E2E-3,EY-DSDL,Dartington Service Design Lab,Consultancy,10.00",
].join("\n");

test.describe("Importing spend from the ledger", () => {
  test("a finance officer previews a file, sees the row that fails and why, imports the rest, and reverses it", async ({
    page,
  }) => {
    await signIn(page, DEMO_USERS.financeOfficer);
    await page.getByRole("link", { name: "Spend imports" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Spend imports" })).toBeVisible();

    await page.getByLabel("Ledger (source)").fill("Oldham e2e ledger");
    await page
      .getByLabel("Ledger file (CSV or XLSX)")
      .setInputFiles({ name: "oldham-payments.csv", mimeType: "text/csv", buffer: Buffer.from(LEDGER) });
    await page.getByRole("button", { name: "Check the file" }).click();
    // No saved mapping yet: the columns are suggested from the headers.
    await expect(page.getByLabel("Date paid (required)")).toHaveValue("Date Paid");
    await expect(page.getByLabel("Amount (£) (required)")).toHaveValue("Net Amount");
    await page.getByRole("button", { name: "Check again" }).click();

    await expect(page.getByRole("table", { name: /What importing oldham-payments.csv would do/ })).toContainText(
      "2 (£1,750.25)",
    );
    await expect(page.getByRole("table", { name: /Rows that will be skipped/ })).toContainText(
      'Date paid: "31/02/2021" is not a real date',
    );
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    await page.getByRole("button", { name: "Import 2 rows (£1,750.25)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 2 rows" })).toContainText("£1,750.25");
    const batch = page.getByRole("row", { name: /oldham-payments.csv/ });
    await expect(batch).toContainText("Imported");

    await batch.getByRole("button", { name: /Reverse/ }).click();
    await batch.getByLabel("Why reverse it?").fill("Duplicated the January run");
    await batch.getByRole("button", { name: "Reverse all 2 rows" }).click();
    await expect(page.getByRole("row", { name: /oldham-payments.csv/ })).toContainText("Reversed");
  });
});
