import { expect, expectAccessible, expectNoSidewaysScroll, signInAs, test } from "./own-council.ts";

// A person switches their Monday email off and on from their account page; the link at the foot
// of an email lands on a page that stops it with one press, and says so plainly when the link
// is not one Fundline sent. (What the email holds, and the link that works, are the API tests'.)

test("a finance officer switches the weekly email off and on, and a stale unsubscribe link is explained", async ({
  page,
  council,
}) => {
  await signInAs(page, council.financeOfficer);
  await page.goto("/account");
  const weekly = page.getByRole("region", { name: "Weekly email" });
  await expect(weekly.getByRole("status")).toHaveText("You get the weekly email.");
  await weekly.getByRole("button", { name: "Stop the weekly email" }).click();
  await expect(weekly.getByRole("status")).toHaveText("You do not get the weekly email.");
  await page.reload();
  await expect(weekly.getByRole("status")).toHaveText("You do not get the weekly email.");
  await weekly.getByRole("button", { name: "Send me the weekly email" }).click();
  await expect(weekly.getByRole("status")).toHaveText("You get the weekly email.");
  await expectAccessible(page, "the account page's weekly email");

  // A link from an email that was replaced or never sent: no session needed to be told.
  const stranger = await (await page.context().browser()?.newContext())?.newPage();
  if (!stranger) throw new Error("no browser");
  await stranger.goto(`/unsubscribe#token=${"A".repeat(43)}`);
  await expect(stranger.getByRole("heading", { level: 1, name: "Stop the weekly email" })).toBeVisible();
  await stranger.getByRole("button", { name: "Stop the weekly email" }).click();
  await expect(stranger.getByRole("alert")).toContainText("This link is not one Fundline sent");
  await expectAccessible(stranger, "the unsubscribe page");
  for (const width of [1280, 375]) {
    await stranger.setViewportSize({ width, height: 800 });
    await expectNoSidewaysScroll(stranger, `the unsubscribe page at ${width} px`);
    await page.setViewportSize({ width, height: 800 });
    await expectNoSidewaysScroll(page, `the account page at ${width} px`);
  }
});
