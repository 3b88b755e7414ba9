import { type IdentityProvider, startIdentityProvider } from "@fundline/test-identity-provider";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, expectNoSidewaysScroll, test } from "./own-council.ts";
import { DEMO_PASSWORD, DEMO_USERS, signIn } from "./sign-in.ts";

// A council's IT sets Fundline up with its own identity provider (a real OpenID provider,
// oidc-provider, started here): an administrator enters it on the council sign-in screen, the
// council's invited people then sign in with their council account, passwords stop working for
// them, and someone the council knows but Fundline never invited is turned away in a sentence.

let provider: IdentityProvider;
test.beforeAll(async ({ baseURL }) => {
  provider = await startIdentityProvider({ redirectUri: `${baseURL}/api/sso/callback` });
});
test.afterAll(() => provider.close());

/** From Fundline's sign-in page, through the council's own sign-in page, and back. */
async function signInWithCouncilAccount(page: Page, councilName: string, email: string) {
  await page.goto("/");
  const choice = page.getByRole("region", { name: "Sign in with your council account" });
  // Other councils may have set up sign-in too: choose this one where there is a choice.
  const councilList = choice.getByLabel("Your council");
  if (await councilList.count()) await councilList.selectOption({ label: councilName });
  await choice.getByRole("link", { name: "Sign in with your council account" }).click();
  await expect(page.getByRole("heading", { name: "Test council sign-in" })).toBeVisible();
  await page.getByLabel("Council email address").fill(email);
  await page.getByRole("button", { name: "Sign in to the council" }).click();
}

test("an administrator sets up a council's own sign-in, and its invited people sign in with their council account", async ({
  page,
  browser,
  council,
}) => {
  const name = council.organisation.name;
  await signIn(page, DEMO_USERS.administrator);
  await page.goto("/users");
  await page.getByRole("link", { name: "Council sign-in" }).click();
  await page.getByRole("link", { name: `Set up sign-in for ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Set up sign-in for ${name}` })).toBeVisible();
  await page.getByLabel("Issuer").fill(provider.issuer);
  await page.getByLabel("Client id").fill(provider.clientId);
  await page.getByLabel("Client secret").fill(provider.clientSecret);
  await page.getByLabel("The council's people may also sign in with a Fundline password").uncheck();
  await expectAccessible(page, "the council sign-in form");
  await page.getByRole("button", { name: "Save the sign-in settings" }).click();
  await expect(page.getByText(`${name}'s people can sign in with their council account.`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(provider.issuer);
  await expect(row).toContainText("Administrators only");
  await expect(page.locator("body")).not.toContainText(provider.clientSecret);
  await expectAccessible(page, "the council sign-in list");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page, `the council sign-in list at ${width} px`);
  }

  try {
    // The council's finance officer, invited earlier, signs in at the council.
    const officer = await (await browser.newContext()).newPage();
    await signInWithCouncilAccount(officer, name, council.financeOfficer.email);
    await expect(officer.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(officer.getByText(`${council.financeOfficer.displayName}, ${name}`)).toBeVisible();

    // Their Fundline password no longer opens Fundline.
    const withPassword = await (await browser.newContext()).newPage();
    await withPassword.goto("/");
    await withPassword.getByLabel("Email address").fill(council.financeOfficer.email);
    await withPassword.getByLabel("Password", { exact: true }).fill(council.financeOfficer.password);
    await withPassword.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(withPassword.getByRole("alert").filter({ hasText: "council" })).toContainText(
      "Your council signs in to Fundline with its own accounts",
    );

    // Someone with a council account whom Fundline never invited.
    const stranger = await (await browser.newContext()).newPage();
    await signInWithCouncilAccount(stranger, name, `not-invited-${Date.now()}@testshire.example`);
    await expect(stranger.getByRole("alert").filter({ hasText: "You are not signed in" })).toContainText(
      "There is no Fundline account for this email address at your council.",
    );
    await expect(stranger.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await expectAccessible(stranger, "the sign-in page after a refused council sign-in");
    for (const width of [1280, 375]) {
      await stranger.setViewportSize({ width, height: 900 });
      await expectNoSidewaysScroll(stranger, `the sign-in page at ${width} px`);
    }
  } finally {
    // Other journeys' sign-in page is left as it was.
    const signedIn = await page.request.post("/api/session", {
      data: { email: DEMO_USERS.administrator, password: DEMO_PASSWORD },
    });
    const { csrfToken } = await signedIn.json();
    await page.request.delete(`/api/council-sign-in/${council.organisation.id}`, {
      headers: { "x-csrf-token": csrfToken },
    });
  }
});
