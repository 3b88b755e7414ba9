import { expect, type Page } from "@playwright/test";

/** The demo users' password in the app the tests start (development mode makes them). */
export const DEMO_PASSWORD = "e2e demo passphrase 2026";

export const DEMO_USERS = {
  administrator: "admin@oldham.example",
  financeOfficer: "finance@oldham.example",
  programmeManager: "manager@stockport.example",
  viewer: "viewer@oxfordshire.example",
} as const;

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
