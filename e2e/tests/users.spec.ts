import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { test as councilTest, expectAccessible, signInAs } from "./own-council.ts";
import { DEMO_USERS, signIn } from "./sign-in.ts";

test.describe("Managing users", () => {
  test("an administrator invites someone, who chooses a password and signs in; then deactivates them", async ({
    page,
    browser,
  }) => {
    await signIn(page, DEMO_USERS.administrator);
    await page.getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    await page.getByLabel("Email address").fill("sam.newcomer@tameside.example");
    await page.getByLabel("Name").fill("Sam Newcomer");
    await page.getByLabel("Organisation").selectOption({ label: "Tameside Metropolitan Borough Council" });
    await page.getByLabel("Role").selectOption({ label: "Viewer" });
    await page.getByRole("button", { name: "Invite" }).click();
    // Sam's row on the Users screen: whether they can sign in.
    const samsStatus = () =>
      page
        .getByRole("row", { name: /Sam Newcomer/ })
        .getByRole("cell")
        .nth(3);
    const link = await page.locator("code").textContent();
    expect(link).toMatch(/\/accept-invitation#token=/);
    await expect(samsStatus()).toHaveText("Invited");

    // The invited person, in their own browser.
    const theirs = await browser.newContext();
    const newcomer = await theirs.newPage();
    await newcomer.goto(link ?? "");
    await newcomer.getByLabel("New password", { exact: true }).fill("tameside early years passphrase");
    await newcomer.getByLabel("New password again").fill("tameside early years passphrase");
    await newcomer.getByRole("button", { name: "Save password and sign in" }).click();
    await expect(newcomer.getByRole("button", { name: "Sign out" })).toBeVisible();
    // Tameside is a partner in two demo programmes; a viewer has no Users screen.
    await expect(
      newcomer.getByRole("table", { name: /money committed, allocated and spent/ }).getByRole("rowheader"),
    ).toHaveText([
      "Early years outcomes programme",
      "Shared early years education improvement leadership",
      "All 2 programmes",
    ]);
    await expect(newcomer.getByRole("link", { name: "Users" })).toHaveCount(0);

    // Accepting the invitation changed the user: the list shows it once reloaded.
    await page.reload();
    await expect(samsStatus()).toHaveText("Active");
    // The invite form is clear for the next person.
    await expect(page.getByLabel("Email address")).toHaveValue("");
    await page.getByRole("button", { name: "Deactivate Sam Newcomer" }).click();
    // Asked once more, saying what it does; Cancel leaves them be.
    const confirm = page.getByRole("group", { name: /^Deactivate Sam Newcomer\? They are signed out everywhere/ });
    await expect(confirm.getByText(/^Deactivate Sam Newcomer\?/)).toBeFocused();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(samsStatus()).toHaveText("Active");
    await page.getByRole("button", { name: "Deactivate Sam Newcomer" }).click();
    await page.getByRole("button", { name: "Yes, deactivate Sam Newcomer" }).click();
    await expect(page.getByText("Sam Newcomer is deactivated and signed out everywhere.")).toBeVisible();
    await newcomer.reload();
    await expect(newcomer.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await theirs.close();
  });
});

test("an administrator sees a person's failed sign-ins beside their name and clears them", async ({
  page,
  playwright,
}) => {
  await signIn(page, DEMO_USERS.administrator);
  // A person of this test's own: invited and set up through the API, as the Users screen would.
  const { csrfToken } = await (await page.request.get("/api/session")).json();
  const email = `locked-out-${Date.now()}@rotherham.example`;
  const organisations = (await (await page.request.get("/api/organisations?pageSize=500")).json()).organisations;
  const rotherham = organisations.find((organisation: { name: string }) => organisation.name.startsWith("Rotherham"));
  const invited = await (
    await page.request.post("/api/users", {
      headers: { "x-csrf-token": csrfToken },
      data: { email, displayName: "Robin Lockedout", organisationId: rotherham.id, role: "viewer" },
    })
  ).json();
  const token = String(invited.invitationUrl).split("#token=")[1];
  const stranger = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  expect(
    (
      await stranger.post("/api/invitations/accept", { data: { token, password: "rotherham early years passphrase" } })
    ).status(),
  ).toBe(200);
  for (let attempt = 0; attempt < 2; attempt++) {
    expect(
      (await stranger.post("/api/session", { data: { email, password: "not the right one at all" } })).status(),
    ).toBe(401);
  }
  await stranger.dispose();

  await page.getByRole("link", { name: "Users" }).click();
  const row = page.getByRole("row", { name: /Robin Lockedout/ });
  await expect(row.getByRole("cell").nth(3)).toHaveText("Active — 2 failed sign-ins today");
  await row.getByRole("button", { name: "Clear failed sign-ins of Robin Lockedout" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Robin Lockedout's failed sign-ins are cleared: they can sign in now." }),
  ).toBeVisible();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Active");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

councilTest(
  "an administrator makes a viewer a programme manager of one programme, who can then change its milestones",
  async ({ browser, page, council }) => {
    await signIn(page, DEMO_USERS.administrator);
    await page.goto("/users");
    // Every test's council has a "Val Viewer": this one is known by their email.
    const theirRow = page.getByRole("row").filter({ hasText: council.viewer.email });
    await theirRow.getByRole("link", { name: `Change ${council.viewer.displayName}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Change ${council.viewer.displayName}` })).toBeVisible();
    // The programmes appear only for a programme manager's role.
    await expect(page.getByRole("group", { name: "Programmes they manage" })).toHaveCount(0);
    await page.getByLabel("Role").selectOption({ label: "Programme manager" });
    await page.getByRole("group", { name: "Programmes they manage" }).getByLabel(council.programme.name).check();
    await expectAccessible(page, "changing a user");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(
      `${council.viewer.displayName} is saved: Programme manager, ${council.organisation.name}.`,
    );
    await expect(theirRow).toContainText("Programme manager");

    // Their very next request uses the new role: no signing in again.
    const theirs = await browser.newContext();
    const them = await theirs.newPage();
    await signInAs(them, council.viewer);
    await them.goto(`/programmes/${council.programme.id}`);
    await expect(them.getByRole("link", { name: "Add a milestone" })).toBeVisible();
    await theirs.close();
  },
);
