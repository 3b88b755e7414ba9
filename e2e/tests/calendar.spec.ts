import { expect, expectAccessible, expectNoSidewaysScroll, signInAs, test } from "./own-council.ts";

// A programme manager puts their milestones in Outlook: an address made on their account page
// answers an iCalendar feed with the milestone on its day, and stops when they stop it.

test("a programme manager makes a calendar address, the feed holds their milestone, and stopping it stops the feed", async ({
  page,
  council,
}) => {
  await council.admin.post("/milestones", {
    programmeId: council.programme.id,
    description: "Outreach team in post",
    baselineOn: "2027-03-31",
  });
  await signInAs(page, council.manager);
  await page.goto("/account");
  const calendar = page.getByRole("region", { name: "Milestones in your calendar" });
  await expect(calendar).toContainText("You have no calendar address.");
  await calendar.getByRole("button", { name: "Make a calendar address" }).click();
  const address = calendar.getByLabel(/Your calendar address/);
  await expect(address).toHaveValue(/\/api\/calendar\/[A-Za-z0-9_-]{43}\/milestones\.ics$/);
  await expect(calendar).toContainText("You have a calendar address, made");
  await expectAccessible(page, "the account page with a calendar address");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page, `the account page at ${width} px`);
  }

  // As a calendar program reads it: no session.
  const url = await address.inputValue();
  const feed = await page.context().request.get(url, { headers: { cookie: "" } });
  expect(feed.status()).toBe(200);
  // Long lines are folded (RFC 5545): unfolded, as a calendar program reads them.
  const text = (await feed.text()).replace(/\r?\n[ \t]/g, "");
  expect(text).toContain(`SUMMARY:Outreach team in post (${council.programme.name})`);
  expect(text).toContain("DTSTART;VALUE=DATE:20270331");

  await calendar.getByRole("button", { name: "Stop the calendar address" }).click();
  await expect(calendar).toContainText("You have no calendar address.");
  await expect(address).toHaveCount(0);
  expect((await page.context().request.get(url)).status()).toBe(404);
});
