// Each test's own data: a council of its own, with a programme and people of its own, made
// through the API as an administrator would make them. No test reads or changes another's
// records, so the tests pass in any order and on any number of workers.
import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "./sign-in.ts";

export const OWN_PASSWORD = "a council of its own 2026";

export type Person = { id: string; email: string; displayName: string; password: string };

export type OwnCouncil = {
  organisation: { id: string; name: string; version: number };
  programme: { id: string; name: string };
  manager: Person;
  financeOfficer: Person;
  viewer: Person;
  /** A person of another organisation (a partner council's finance officer), made as the others are. */
  personIn: (organisationId: string, role: string, name: string) => Promise<Person>;
  /** As the demo administrator: POST, PATCH or GET any API path, expecting success. */
  admin: {
    post: (path: string, data: unknown) => Promise<Record<string, unknown> & { id: string; version: number }>;
    patch: (path: string, data: unknown) => Promise<Record<string, unknown> & { id: string; version: number }>;
    get: (path: string) => Promise<Record<string, unknown>>;
  };
};

/** Today in the UK and days from it, as `YYYY-MM-DD`. */
export function daysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function adminApi(request: APIRequestContext): Promise<OwnCouncil["admin"]> {
  const signedIn = await request.post("/api/session", {
    data: { email: DEMO_USERS.administrator, password: DEMO_PASSWORD },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const { csrfToken } = await signedIn.json();
  // biome-ignore lint/suspicious/noExplicitAny: the API's answers, checked by the test that reads them
  const answer = async (response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<any> => {
    expect(response.ok(), `${response.url()}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.json();
  };
  return {
    post: async (path, data) =>
      answer(await request.post(`/api${path}`, { data, headers: { "x-csrf-token": csrfToken } })),
    patch: async (path, data) =>
      answer(await request.patch(`/api${path}`, { data, headers: { "x-csrf-token": csrfToken } })),
    get: async (path) => answer(await request.get(`/api${path}`)),
  };
}

/** The largest amount Fundline holds: a council whose threshold this is lets one person move any sum. */
const ANY_AMOUNT_PENCE = 100_000_000_000;

export const test = base.extend<{ council: OwnCouncil }>({
  council: async ({ playwright, baseURL }, use, testInfo) => {
    const request = await playwright.request.newContext({ baseURL });
    const admin = await adminApi(request);
    const tag = `${testInfo.workerIndex}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    // The council lets one person move any amount, so journeys about other things record money
    // in one step; the four-eyes journey sets Fundline's default threshold back itself.
    const created = await admin.post("/organisations", { name: `Testshire ${tag} Council`, kinds: ["council"] });
    const organisation = await admin.patch(`/organisations/${created.id}`, {
      version: created.version,
      approvalThresholdPence: ANY_AMOUNT_PENCE,
    });
    const programme = await admin.post("/programmes", {
      name: `Family hubs ${tag}`,
      summary: "Family hubs in every district, with the health visiting service.",
      leadOrganisationId: organisation.id,
      status: "active",
      governanceStage: "implementation",
      startOn: daysFromToday(-365),
      endOn: daysFromToday(365),
      totalCostPence: 12_000_000,
    });
    let people = 0;
    const personIn = async (organisationId: string, role: string, name: string): Promise<Person> => {
      people += 1;
      const email = `${role.replace("_", "-")}-${tag}-${people}@testshire.example`;
      const invited = await admin.post("/users", {
        email,
        displayName: name,
        organisationId,
        role,
        programmeIds: role === "programme_manager" ? [programme.id] : [],
      });
      const token = String(invited.invitationUrl).split("#token=")[1];
      const stranger = await playwright.request.newContext({ baseURL });
      const accepted = await stranger.post("/api/invitations/accept", { data: { token, password: OWN_PASSWORD } });
      expect(accepted.status(), await accepted.text()).toBe(200);
      await stranger.dispose();
      return { id: invited.id, email, displayName: name, password: OWN_PASSWORD };
    };
    const person = (role: string, name: string) => personIn(organisation.id, role, name);
    await use({
      organisation: { id: organisation.id, name: String(organisation.name), version: organisation.version },
      programme: { id: programme.id, name: String(programme.name) },
      manager: await person("programme_manager", "Morgan Manager"),
      financeOfficer: await person("finance_officer", "Frankie Finance"),
      viewer: await person("viewer", "Val Viewer"),
      personIn,
      admin,
    });
    await request.dispose();
  },
});

export { expect };

/** Signs in through the form, as a person would. */
export async function signInAs(page: Page, person: Person) {
  await page.goto("/");
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Axe finds no WCAG 2.2 AA violations on the page as it is now. */
export async function expectAccessible(page: Page, state: string) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`),
    `axe on ${state}`,
  ).toEqual([]);
}

/** Nothing on the page runs off the side of the screen (WCAG 1.4.10): wide tables scroll in their own region. */
export async function expectNoSidewaysScroll(page: Page, state: string) {
  const overflowing = await page.locator("main").evaluate((main) =>
    [...main.querySelectorAll("*")]
      .filter(
        (element) =>
          element.getBoundingClientRect().right > element.ownerDocument.documentElement.clientWidth + 1 &&
          !element.closest(".table-scroll") &&
          // A chart's own drawing is clipped by its svg; the svg itself is checked.
          !element.parentElement?.closest("svg"),
      )
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`),
  );
  expect(overflowing, state).toEqual([]);
  // And the page as a whole: something hidden yet positioned (text for screen readers) can widen
  // it from inside a scrolling table without any element looking out of place.
  const widths = await page.locator("html").evaluate((html) => ({ page: html.scrollWidth, screen: html.clientWidth }));
  expect(widths.page, `${state}: the page is wider than the screen`).toBeLessThanOrEqual(widths.screen);
}
