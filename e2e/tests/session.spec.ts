import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./sign-in.ts";

test.describe("Signing in and out", () => {
  test("the sign-in page is accessible and says plainly when the password is wrong", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    await page.getByLabel("Email address").fill(DEMO_USERS.viewer);
    await page.getByLabel("Password").fill("not the right password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toHaveText("The email address or password is not right.");
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("signing out returns to the sign-in form and the API stops answering", async ({ page }) => {
    await signIn(page, DEMO_USERS.financeOfficer);
    await expect(page.getByRole("table", { name: /money committed, allocated and spent/ })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    expect((await page.request.get("/api/programmes")).status()).toBe(401);
  });

  test("API responses carry security headers and are not cached", async ({ request }) => {
    const response = await request.get("/api/programmes");
    expect(response.status()).toBe(401);
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("default-src 'self'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cache-control"]).toBe("no-store");
  });
});
