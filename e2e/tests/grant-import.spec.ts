import { expect, expectAccessible, signInAs, test } from "./own-council.ts";

// A funder's published package as they come: a float amount, a UK date with a time, a grant
// that cannot be imported (a fraction of a penny), and one to an organisation Fundline does not
// know, which only an administrator may add.
const grantPackage = (council: string) => ({
  grants: [
    {
      id: "360G-E2E-0001",
      title: "Family hub outreach",
      currency: "GBP",
      amountAwarded: 12500.5,
      awardDate: "01/04/2021 00:00",
      recipientOrganization: [{ name: council }],
    },
    {
      id: "360G-E2E-0002",
      title: "Speech and language",
      amountAwarded: 0.005,
      awardDate: "2021-05-01",
      recipientOrganization: [{ name: "E2E Speech Trust" }],
    },
    {
      id: "360G-E2E-0003",
      title: "Family hub volunteers",
      amountAwarded: 900,
      awardDate: "2021-05-01",
      recipientOrganization: [{ id: "GB-CHC-E2E-0001", name: "E2E Family Hubs" }],
    },
  ],
});

test("a finance officer imports a funder's 360Giving grants and sees each one skipped and why", async ({
  page,
  council,
}) => {
  // A funder and fund of the test's own: the commitments it imports are its council's alone.
  const funder = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Trust`,
    kinds: ["funder"],
  });
  const fund = await council.admin.post("/funds", {
    funderId: funder.id,
    name: `${council.organisation.name} outreach fund`,
    fundType: "revenue",
  });
  await signInAs(page, council.financeOfficer);
  await page.getByRole("link", { name: "Grant imports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Grant imports" })).toBeVisible();

  // Only funders' funds are offered, each named with its funder.
  await page
    .getByLabel("Fund the grants come from")
    .selectOption({ label: `${String(fund.name)} — ${String(funder.name)}` });
  await page.getByLabel("360Giving data package (JSON)").setInputFiles({
    name: "grants.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(grantPackage(council.organisation.name))),
  });
  // First a check that writes nothing, then the import.
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status")).toContainText(
    "1 of 3 grants can be imported (£12,500.50); 2 would be skipped. Nothing is recorded yet.",
  );
  await expect(page.getByRole("table", { name: "Grants that would be skipped, and why" })).toContainText(
    "360G-E2E-0002",
  );
  await page.getByRole("button", { name: "Import 1 grant" }).click();
  await expect(page.getByRole("status")).toContainText("Imported 1 of 3 grants (£12,500.50); 2 skipped.");
  const skipped = page.getByRole("table", { name: "Grants not imported, and why" });
  await expect(skipped).toContainText("360G-E2E-0002");
  await expect(skipped).toContainText(
    "its recipient (E2E Family Hubs) is not in Fundline: only an administrator can add it",
  );
  await expectAccessible(page, "the grant import's result");

  // The grant waits, tied to no programme, where a finance officer can tie it to one.
  await page.getByRole("link", { name: "See the grants waiting to be tied to a programme" }).click();
  await expect(page.getByRole("table", { name: /commitment/ })).toContainText("Not tied yet");

  // The same package again would add nothing.
  await page.goto("/grant-imports");
  await page
    .getByLabel("Fund the grants come from")
    .selectOption({ label: `${String(fund.name)} — ${String(funder.name)}` });
  await page.getByLabel("360Giving data package (JSON)").setInputFiles({
    name: "grants.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(grantPackage(council.organisation.name))),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status")).toContainText("0 of 3 grants can be imported");
  await expect(page.getByRole("table", { name: "What the import would do" })).toContainText("Already imported1");
});
