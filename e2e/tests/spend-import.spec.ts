import { expect, expectAccessible, expectNoSidewaysScroll, signInAs, test } from "./own-council.ts";

/** A ledger export with two good rows and one dated 31 February, all on the test's own cost centre. */
const ledger = (costCentre: string) =>
  [
    "Date Paid,Transaction No,Cost Centre,Supplier Name,Expense Type,Net Amount",
    `14/01/2021,E2E-1,${costCentre},Dartington Service Design Lab,Consultancy,"1,500.00"`,
    `15/01/2021,E2E-2,${costCentre},Dartington Service Design Lab,Consultancy,250.25`,
    `31/02/2021,E2E-3,${costCentre},Dartington Service Design Lab,Consultancy,10.00`,
  ].join("\n");

test.describe("Importing spend from the ledger", () => {
  test("a finance officer previews a file, sees the row that fails and why, imports the rest, and reverses it", async ({
    page,
    council,
  }) => {
    // The test's own programme and cost centre: its spend moves no figure another test reads.
    const costCentre = `TS-${council.programme.id.slice(0, 8)}`;
    await council.admin.post(`/programmes/${council.programme.id}/cost-lines`, {
      name: "Hub consultancy",
      ledgerCode: costCentre,
    });
    await signInAs(page, council.financeOfficer);
    await page.getByRole("link", { name: "Spend imports" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Spend imports" })).toBeVisible();

    await page.getByLabel("Ledger (source)").fill("Oldham e2e ledger");
    await page
      .getByLabel("Ledger file (CSV or XLSX)")
      .setInputFiles({ name: "oldham-payments.csv", mimeType: "text/csv", buffer: Buffer.from(ledger(costCentre)) });
    await page.getByRole("button", { name: "Check the file" }).click();
    // No saved mapping yet: the columns are suggested from the headers.
    await expect(page.getByLabel("Date paid (required)")).toHaveValue("Date Paid");
    await expect(page.getByLabel("Amount (£) (required)")).toHaveValue("Net Amount");
    await page.getByRole("button", { name: "Check again" }).click();

    await expect(page.getByRole("table", { name: /What importing oldham-payments.csv would do/ })).toContainText(
      "To import2 rows, £1,750.25",
    );
    await expect(page.getByRole("table", { name: "What Fundline read in oldham-payments.csv" })).toContainText(
      "Text encodingUTF-8",
    );
    await expect(page.getByRole("table", { name: /Rows that will be set aside/ })).toContainText(
      'Date paid: "31/02/2021" is not a real date',
    );
    // The rows go in, but are dated 2021: outside the programme's dates, so the preview says so first.
    await expect(page.getByRole("table", { name: /2 rows will be imported but raise a finding/ })).toContainText(
      "Outside the programme's dates",
    );
    await expectAccessible(page, "the spend import preview");

    await page.getByRole("button", { name: "Import 2 rows (£1,750.25)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 2 rows" })).toContainText("£1,750.25");
    const batch = page.getByRole("row", { name: /oldham-payments.csv/ });
    await expect(batch).toContainText("Imported");
    // Every screen showing money agrees at once: no waiting for a refresh.
    const spentOnProgramme = async () => {
      await page.getByRole("link", { name: "Dashboard" }).click();
      return page
        .getByRole("table", { name: /money committed, allocated and spent/ })
        .getByRole("row", { name: new RegExp(council.programme.name) })
        .getByRole("cell")
        .nth(4);
    };
    await expect(await spentOnProgramme()).toHaveText("£1,750.25");
    await page.getByRole("link", { name: "Spend imports" }).click();

    await batch.getByRole("button", { name: /Reverse/ }).click();
    await batch.getByLabel("Why reverse it?").fill("Duplicated the January run");
    await batch.getByRole("button", { name: "Reverse all 2 rows" }).click();
    await expect(page.getByRole("row", { name: /oldham-payments.csv/ })).toContainText("Reversed");
    // The form is gone, and says what the reversal did; it cannot be sent twice.
    await expect(batch.getByRole("status")).toContainText(
      "Reversed: all 2 rows (£1,750.25) of oldham-payments.csv are retired",
    );
    await expect(batch.getByRole("button", { name: /Reverse all/ })).toHaveCount(0);
    await expect(await spentOnProgramme()).toHaveText("£0.00");
  });

  test("a saved mapping that no longer fits the file shows the mapping with the missing column marked", async ({
    page,
    council,
  }) => {
    const costCentre = `TS-${council.programme.id.slice(0, 8)}`;
    await council.admin.post(`/programmes/${council.programme.id}/cost-lines`, {
      name: "Hub consultancy",
      ledgerCode: costCentre,
    });
    const source = `Ledger ${council.programme.id.slice(0, 8)}`;
    await signInAs(page, council.financeOfficer);
    await page.getByRole("link", { name: "Spend imports" }).click();
    // The first file's mapping is saved with its import.
    await page.getByLabel("Ledger (source)").fill(source);
    await page
      .getByLabel("Ledger file (CSV or XLSX)")
      .setInputFiles({ name: "january.csv", mimeType: "text/csv", buffer: Buffer.from(ledger(costCentre)) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("button", { name: "Check again" }).click();
    await page.getByRole("button", { name: /^Import 2 rows/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 2 rows" })).toBeVisible();

    // Next month the ledger calls the amount "Gross": the saved mapping names a column that is gone.
    await page.reload();
    await page.getByLabel("Ledger (source)").fill(source);
    await page.getByLabel("Ledger file (CSV or XLSX)").setInputFiles({
      name: "february.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(ledger(costCentre).replace("Net Amount", "Gross").replaceAll("E2E-", "E2F-")),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("status").filter({ hasText: "does not fit" })).toContainText(
      "1 column it names is missing",
    );
    const amount = page.getByLabel("Amount (£) (required)");
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText('the file has no column called "Net Amount"')).toBeVisible();
    // The columns that still fit are kept.
    await expect(page.getByLabel("Date paid (required)")).toHaveValue("Date Paid");
    await expectAccessible(page, "a mapping that no longer fits");
    await amount.selectOption("Gross");
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(page.getByRole("table", { name: /What importing february.csv would do/ })).toContainText(
      "To import2 rows, £1,750.25",
    );
  });

  test("a council's published file is read as it comes, and a code no line has waits until it is matched", async ({
    page,
    council,
  }) => {
    const costCentre = `TS-${council.programme.id.slice(0, 8)}`;
    const newCode = `NEW-${council.programme.id.slice(0, 8)}`;
    await council.admin.post(`/programmes/${council.programme.id}/cost-lines`, {
      name: "Family hub consultancy",
      ledgerCode: costCentre,
    });
    // As the council's website publishes it: Windows-1252 (0xA3 for £), a title above, a total below.
    const published = Buffer.from(
      [
        "Payments over £500 - December 2020",
        "",
        "Body Name,Date,Transaction Number,Net Amount,Supplier Name,Cost Centre,Purpose of Expenditure",
        `Own council,14/12/2020,P-1,"£1,200.00",Café Ltd,${costCentre},Catering`,
        `Own council,15/12/2020,P-2,300.5,Printers,${costCentre},Printing`,
        `Own council,16/12/2020,P-3,99.99,Hall hire,${newCode},Venue`,
        ',,,"£1,600.49",,,',
      ].join("\r\n"),
      "latin1",
    );
    await signInAs(page, council.financeOfficer);
    await page.getByRole("link", { name: "Spend imports" }).click();
    await page.getByLabel("Ledger (source)").fill("Published spend");
    await page
      .getByLabel("Ledger file (CSV or XLSX)")
      .setInputFiles({ name: "spend-december.csv", mimeType: "text/csv", buffer: published });
    await page.getByRole("button", { name: "Check the file" }).click();

    // Understood before anything is written: no mapping by hand for a Transparency Code file.
    const read = page.getByRole("table", { name: "What Fundline read in spend-december.csv" });
    await expect(read).toContainText("Text encodingWindows-1252");
    await expect(read).toContainText("the Local Government Transparency Code 2015 (spend over £500) layout");
    await expect(read).toContainText("line 3, below 1 row of report title");
    await expect(read).toContainText("£1,600.49 on line 7: equals the rows' total");
    const accounts = page.getByRole("table", { name: /What importing spend-december.csv would do/ });
    await expect(accounts).toContainText("In the file3 rows, £1,600.49");
    await expect(accounts).toContainText("To import2 rows, £1,500.50");
    await expect(accounts).toContainText("Unmatched (no cost line has the code)1 row, £99.99");
    await expectAccessible(page, "what was read in a published file");
    await expectNoSidewaysScroll(page, "what was read in a published file");

    await page.getByRole("button", { name: "Import 2 rows (£1,500.50)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 2 rows" })).toContainText(
      "1 waits for its code to be matched to a cost line",
    );
    await expect(page.getByRole("table", { name: /Rows of spend-december.csv set aside/ })).toContainText(
      `Code no cost line has`,
    );

    // The waiting row goes in once its code is matched, without the file again.
    const waiting = page.getByRole("table", { name: /Rows set aside because no cost line has their code/ });
    await expect(waiting).toContainText(`${newCode}Published spend1£99.99`);
    await waiting.getByRole("button", { name: `Match to a cost line the code ${newCode}` }).click();
    await page.getByLabel("Programme").selectOption({ label: council.programme.name });
    await page.getByLabel(`Cost line the code ${newCode} means`).selectOption({
      label: `Family hub consultancy (${costCentre})`,
    });
    await expectAccessible(page, "matching a code to a cost line");
    await page.getByRole("button", { name: "Match and import 1 row" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Matched ${newCode}` })).toContainText(
      "imported 1 row, £99.99",
    );
    await expect(page.getByText("No rows are waiting")).toBeVisible();
    const fromTheCode = page.getByRole("row", { name: new RegExp(`Rows with the code "${newCode}"`) });
    await expect(fromTheCode).toContainText("£99.99");
  });
});
