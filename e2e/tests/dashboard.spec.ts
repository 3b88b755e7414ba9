import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll } from "./own-council.ts";
import { DEMO_USERS, signIn } from "./sign-in.ts";

test.describe("Dashboard", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_USERS.administrator);
  });

  test("lists the five seed programmes with their figures and a chart", async ({ page }) => {
    await expect(page.getByRole("heading", { level: 1, name: "Programmes at a glance" })).toBeVisible();

    const table = page.getByRole("table", { name: /money committed, allocated and spent/ });
    for (const name of [
      "Early years outcomes programme",
      "Children's and Early Years Digital Improvement Programme",
      "Development Demonstrator for Early and Foundation Years",
      "New Models for LEAs pilot",
      "Shared early years education improvement leadership",
    ]) {
      await expect(table.getByRole("rowheader", { name, exact: true })).toBeVisible();
    }

    // £105,000 committed (£80,000 + £25,000) and £90,000 spent on the Dartington programme.
    const dartington = table.getByRole("row", { name: /Early years outcomes programme/ });
    await expect(dartington.getByRole("cell").nth(2)).toHaveText("£105,000.00");
    await expect(dartington.getByRole("cell").nth(4)).toHaveText("£90,000.00");
    // Totals across every programme (other tests' own programmes too, whenever they run): the
    // API's total is the column's sum to the penny, and the five seed programmes' £815,000 is in it.
    const pence = (text: string) => Math.round(Number(text.replace(/[£,]/g, "")) * 100);
    const committed = (await table
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[2]?.textContent ?? ""))) as string[];
    const totals = table.getByRole("row", { name: /^All \d+ programmes?/ });
    const total = pence((await totals.getByRole("cell").nth(0).textContent()) ?? "");
    expect(total).toBe(committed.reduce((sum, cell) => sum + pence(cell), 0));
    expect(total).toBeGreaterThanOrEqual(81_500_000);

    // The chart draws two bars (committed, spent) for each seed programme at least; a test's own
    // programme with nothing committed or spent draws none.
    const chart = page.getByRole("figure", { name: /committed against spent/i });
    await expect(chart).toBeVisible();
    const bars = chart.locator(".recharts-bar-rectangle");
    await expect(bars.nth(9)).toBeVisible();
  });

  test("has no detectable WCAG 2.2 AA violations and can be reached by keyboard", async ({ page }) => {
    await page.reload();
    await expect(page.getByRole("table", { name: /money committed, allocated and spent/ })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  });

  test("unknown API paths answer JSON; unknown pages and programmes say they are not found", async ({
    request,
    page,
  }) => {
    const api = await request.get("/api/no-such-thing");
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
    await page.goto("/some/page");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveURL(/\/some\/page$/);
    await page.getByRole("link", { name: "Go to your home page" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Programmes at a glance" })).toBeFocused();
    // An id that cannot exist, and one that does not: both a plain "not found" with a way back.
    for (const id of ["not-an-id", crypto.randomUUID()]) {
      await page.goto(`/programmes/${id}`);
      await expect(page.getByRole("heading", { level: 1, name: "Programme not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Go to your home page" })).toBeVisible();
    }
  });

  test("every administrator page passes axe and fits a 320 px screen, the menu folded and opened", async ({ page }) => {
    // Eight axe runs over pages that list every council the other tests made: more than one
    // test's usual 30 s on a busy machine.
    test.setTimeout(90_000);
    const pages: [string, string][] = [
      ["/", "Programmes at a glance"],
      ["/reconciliation", "Reconciliation"],
      ["/imports", "Spend imports"],
      ["/grant-imports", "Grant imports"],
      ["/users", "Users"],
      ["/organisations", "Organisations and funds"],
      ["/account", "Set up two-factor sign-in"],
    ];
    await page.setViewportSize({ width: 320, height: 800 });
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      await expectNoSidewaysScroll(page, `${path} at 320px`);
      await expectAccessible(page, `${path} at 320px`);
    }
    // The navigation folds behind Menu; opened, every link is on screen and Sign out stays in reach.
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("link", { name: "Users" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expectAccessible(page, "the opened menu at 320px");
    await page.getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeFocused();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  });
});
