import { Secret, TOTP } from "otpauth";
import { expect, expectAccessible, signInAs, test } from "./own-council.ts";

const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp });

// A person of the test's own: turning two-factor sign-in on changes no one another test signs in as.
test("a user sets up two-factor sign-in, and then signs in with a code", async ({ page, council }) => {
  await signInAs(page, council.manager);
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  const secret = (await page.locator("code.secret").textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Beside the key, the same as a QR code for a phone to scan.
  await expect(
    page.getByRole("img", { name: "QR code of the two-factor key, for your authenticator app" }),
  ).toBeVisible();
  await expectAccessible(page, "two-factor set-up");
  await page.getByLabel("The 6-digit code the app shows").fill(codeAt(secret, Date.now()));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Two-factor sign-in is on for your account.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email address").fill(council.manager.email);
  await page.getByLabel("Password").fill(council.manager.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Enter the 6-digit code from your authenticator app.");
  // The confirming code's 30-second step is used up; the next step's code is accepted.
  await page.getByLabel("Code from your authenticator app").fill(codeAt(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
