import { expect, expectAccessible, expectNoSidewaysScroll, signInAs, test } from "./own-council.ts";

// Four eyes: at a council using Fundline's default approval threshold (£10,000.00), a finance
// officer's £25,000 change to a commitment waits; the director sees it pending, not in the
// figures; another finance officer approves it and the figures move. Each test's own council.

test("a change above the threshold waits for a second finance officer; the director sees it pending; approval moves the figures", async ({
  page,
  browser,
  baseURL,
  council,
}) => {
  const funder = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Trust`,
    kinds: ["funder"],
  });
  const fund = await council.admin.post("/funds", { funderId: funder.id, name: "Outreach fund", fundType: "revenue" });
  const commitment = await council.admin.post("/commitments", {
    fundId: fund.id,
    programmeId: council.programme.id,
    recipientId: council.organisation.id,
    title: "Outreach grant",
    amountPence: 5_000_000,
    status: "awarded",
  });
  const second = await council.personIn(council.organisation.id, "finance_officer", "Sam Second");
  // The council adopts Fundline's default threshold.
  await council.admin.patch(`/organisations/${council.organisation.id}`, {
    version: council.organisation.version,
    approvalThresholdPence: 1_000_000,
  });

  // The first finance officer raises the award by £25,000, saying why.
  await signInAs(page, council.financeOfficer);
  await page.goto(`/commitments/${commitment.id}`);
  await page.getByRole("link", { name: "Correct the commitment" }).click();
  await page.getByLabel("Amount awarded").fill("75,000");
  await page.getByLabel(/Why is this being recorded or changed/).fill("The trust's variation letter of 1 December");
  await page.getByRole("button", { name: "Save the commitment" }).click();
  const sent = page.getByRole("status").filter({ hasText: "Sent for approval" });
  await expect(sent).toContainText(
    "Change commitment Outreach grant: £75,000.00 is above your council's approval threshold, so nothing changes until another finance officer or an administrator approves it.",
  );
  const figures = page.getByRole("table", { name: "The commitment's figures" });
  await expect(figures.getByRole("row", { name: /Amount awarded/ }).getByRole("cell")).toHaveText("£50,000.00");
  const waiting = page.getByRole("region", { name: "Waiting for approval" });
  await expect(waiting).toContainText("Asked by Frankie Finance");
  await expect(waiting).toContainText("“The trust's variation letter of 1 December”");
  const changes = waiting.getByRole("table", { name: "What it changes" });
  await expect(changes.getByRole("row", { name: /amount/ }).getByRole("cell")).toHaveText(["£50,000.00", "£75,000.00"]);
  // Not theirs to approve.
  await expect(waiting.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(waiting).toContainText("You asked for this change");

  // The director reads the programme's money: the change is pending, not in the figures.
  const directorContext = await browser.newContext({ baseURL });
  const director = await directorContext.newPage();
  await signInAs(director, council.viewer);
  await director.goto(`/programmes/${council.programme.id}#money`);
  await expect(director.getByText("£25,000.00 pending approval")).toBeVisible();
  const funding = director.getByRole("table", { name: "Funding against cost" });
  await expect(funding.getByRole("row", { name: /Awarded funding/ }).getByRole("cell")).toHaveText("£50,000.00");

  // The second finance officer is told on their home page, and approves.
  const secondContext = await browser.newContext({ baseURL });
  const approver = await secondContext.newPage();
  await signInAs(approver, second);
  const awaiting = approver.getByRole("region", { name: "Waiting for your approval" });
  await expect(awaiting).toContainText(
    "One money change waits for you to approve or reject: Change commitment Outreach grant",
  );
  await awaiting.getByRole("link", { name: "Review the changes waiting for approval" }).click();
  await expect(approver.getByRole("heading", { name: "Approvals" })).toBeVisible();
  await expectAccessible(approver, "the approvals page");
  for (const width of [1280, 375]) {
    await approver.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(approver, `the approvals page at ${width} px`);
  }
  await approver.setViewportSize({ width: 1280, height: 900 });
  const beforeApproval = new Date().toISOString();
  const forYou = approver.getByRole("region", { name: "Waiting for you" });
  await forYou.getByLabel("Note with your approval (optional)").fill("Letter checked");
  await forYou.getByRole("button", { name: "Approve Change commitment Outreach grant" }).click();
  await expect(forYou).toContainText("Nothing waits for your approval.");
  const decided = approver.getByRole("region", { name: "Decided lately" });
  await expect(decided).toContainText("Approved by Sam Second");
  await expect(decided).toContainText("“Letter checked”");

  // The figures moved, exactly as asked, for everyone.
  await page.reload();
  await expect(figures.getByRole("row", { name: /Amount awarded/ }).getByRole("cell")).toHaveText("£75,000.00");
  await expect(page.getByRole("region", { name: "Waiting for approval" })).toHaveCount(0);
  await director.reload();
  await expect(funding.getByRole("row", { name: /Awarded funding/ }).getByRole("cell")).toHaveText("£75,000.00");
  await expect(director.getByText(/pending approval/)).toHaveCount(0);

  // As they stood before the approval, for the committee: the old award, marked as past.
  await director.goto(`/programmes/${council.programme.id}?asAt=${encodeURIComponent(beforeApproval)}#money`);
  await expect(director.getByRole("note")).toContainText("These figures are as Fundline held them at");
  await expect(funding.getByRole("row", { name: /Awarded funding/ }).getByRole("cell")).toHaveText("£50,000.00");
  await director.getByRole("button", { name: "Show today's figures" }).click();
  await expect(funding.getByRole("row", { name: /Awarded funding/ }).getByRole("cell")).toHaveText("£75,000.00");
  // And the council's findings as they stood then, with their money.
  await director.goto(
    `/reconciliation?organisationId=${council.organisation.id}&asAt=${encodeURIComponent(beforeApproval)}`,
  );
  await expect(director.getByRole("note")).toContainText("These figures are as Fundline held them at");
  const across = director.getByRole("table", { name: /Across the 1 programme you can see/ });
  await expect(across.getByRole("row", { name: /Awarded funding/ }).getByRole("cell")).toHaveText("£50,000.00");
  await expectAccessible(director, "the reconciliation as at a moment");
  await director.getByRole("button", { name: "Show today's figures" }).click();
  await expect(director.getByRole("note")).toHaveCount(0);
  await expect(across.getByRole("row", { name: /Awarded funding/ }).getByRole("cell")).toHaveText("£75,000.00");
  await directorContext.close();
  await secondContext.close();
});

test("a rejected change moves nothing, and the person who asked is told why", async ({
  page,
  browser,
  baseURL,
  council,
}) => {
  const funder = await council.admin.post("/organisations", {
    name: `${council.organisation.name} Fund`,
    kinds: ["funder"],
  });
  const fund = await council.admin.post("/funds", { funderId: funder.id, name: "Hub fund", fundType: "revenue" });
  const commitment = await council.admin.post("/commitments", {
    fundId: fund.id,
    programmeId: council.programme.id,
    recipientId: council.organisation.id,
    title: "Hub grant",
    amountPence: 3_000_000,
    status: "awarded",
  });
  const second = await council.personIn(council.organisation.id, "finance_officer", "Riley Reviewer");
  await council.admin.patch(`/organisations/${council.organisation.id}`, {
    version: council.organisation.version,
    approvalThresholdPence: 1_000_000,
  });

  await signInAs(page, council.financeOfficer);
  await page.goto(`/commitments/${commitment.id}`);
  await page.getByRole("link", { name: "Retire it" }).click();
  await page.getByLabel("Why is it being retired?").fill("The trust withdrew the offer");
  await page.getByRole("button", { name: "Retire the commitment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent for approval" })).toContainText(
    "Retire commitment Hub grant: £30,000.00 is above your council's approval threshold",
  );

  const reviewerContext = await browser.newContext({ baseURL });
  const reviewer = await reviewerContext.newPage();
  await signInAs(reviewer, second);
  await reviewer.goto(`/commitments/${commitment.id}`);
  const waiting = reviewer.getByRole("region", { name: "Waiting for approval" });
  await waiting.getByRole("button", { name: "Reject Retire commitment Hub grant" }).click();
  await waiting.getByLabel("Why reject it?").fill("The offer letter still stands");
  await waiting.getByRole("button", { name: "Reject the request" }).click();
  await expect(reviewer.getByRole("region", { name: "Waiting for approval" })).toHaveCount(0);
  await reviewerContext.close();

  await page.goto("/money/approvals");
  const decided = page.getByRole("region", { name: "Decided lately" });
  await expect(decided).toContainText("Rejected by Riley Reviewer");
  await expect(decided).toContainText("“The offer letter still stands”");
  await page.goto(`/commitments/${commitment.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Hub grant" })).toBeVisible();
  await expect(page.getByText("Retired", { exact: true })).toHaveCount(0);
});
