// Who may use which route, written by hand from the role table in docs/api.md ("may change"):
// not derived from the routes' own `config.access` or from `can()`, so a route given the wrong
// permission fails the authorisation matrix test. A = administrator, F = finance officer,
// P = programme manager, V = viewer; "." = refused (403). A new route must be added here.
import type { Role } from "@fundline/domain";

const TABLE = `
GET /api/session                                  A F P V
DELETE /api/session                               A F P V
POST /api/session/totp                            A F P V
POST /api/session/totp/confirm                    A F P V
GET /api/calendar-feed                            A F P V
POST /api/calendar-feed                           A F P V
DELETE /api/calendar-feed                         A F P V
GET /api/account/weekly-digest                    A F P V
PUT /api/account/weekly-digest                    A F P V
GET /api/role-policies                            A . . .
GET /api/council-sign-in                          A . . .
PUT /api/council-sign-in/:id                      A . . .
DELETE /api/council-sign-in/:id                   A . . .
PATCH /api/role-policies/:role                    A . . .
GET /api/users                                    A . . .
POST /api/users                                   A . . .
PATCH /api/users/:id                              A . . .
GET /api/sign-in-failures                         A . . .
GET /api/users/:id/sign-in-failures               A . . .
DELETE /api/users/:id/sign-in-failures            A . . .
GET /api/programmes                               A F P V
GET /api/programmes/:id                           A F P V
POST /api/programmes                              A . . .
PATCH /api/programmes/:id                         A . . .
POST /api/programmes/:id/retire                   A . . .
GET /api/commitments                              A F P V
GET /api/commitments/:id                          A F P V
POST /api/commitments                             A F . .
PATCH /api/commitments/:id                        A F . .
POST /api/commitments/:id/retire                  A F . .
GET /api/allocations                              A F P V
POST /api/allocations                             A F . .
PATCH /api/allocations/:id                        A F . .
POST /api/allocations/:id/retire                  A F . .
GET /api/receipts                                 A F P V
POST /api/receipts                                A F . .
PATCH /api/receipts/:id                           A F . .
POST /api/receipts/:id/retire                     A F . .
GET /api/spend                                    A F P V
GET /api/spend/:id                                A F P V
POST /api/spend                                   A F . .
PATCH /api/spend/:id                              A F . .
POST /api/spend/:id/retire                        A F . .
GET /api/milestones                               A F P V
POST /api/milestones                              A . P .
PATCH /api/milestones/:id                         A . P .
POST /api/milestones/:id/retire                   A . P .
GET /api/organisations                            A F P V
POST /api/organisations                           A . . .
PATCH /api/organisations/:id                      A . . .
POST /api/organisations/:id/retire                A . . .
GET /api/funds                                    A F P V
POST /api/funds                                   A . . .
PATCH /api/funds/:id                              A . . .
POST /api/funds/:id/retire                        A . . .
GET /api/programmes/:id/partners                  A F P V
POST /api/programmes/:id/partners                 A . . .
PATCH /api/partners/:id                           A . . .
PATCH /api/partners/:id/rights                    A F . .
GET /api/risks                                    A F P V
POST /api/risks                                   A . P .
PATCH /api/risks/:id                              A . P .
POST /api/risks/:id/retire                        A . P .
GET /api/deliverables                             A F P V
POST /api/deliverables                            A . P .
PATCH /api/deliverables/:id                       A . P .
POST /api/deliverables/:id/retire                 A . P .
GET /api/benefits                                 A F P V
POST /api/benefits                                A . P .
PATCH /api/benefits/:id                           A . P .
POST /api/benefits/:id/retire                     A . P .
GET /api/benefits/:id/readings                    A F P V
POST /api/benefits/:id/readings                   A . P .
GET /api/programmes/:id/workstreams               A F P V
POST /api/programmes/:id/workstreams              A . . .
PATCH /api/workstreams/:id                        A . . .
POST /api/workstreams/:id/retire                  A . . .
GET /api/programmes/:id/cost-lines                A F P V
POST /api/programmes/:id/cost-lines               A F . .
PATCH /api/cost-lines/:id                         A F . .
POST /api/cost-lines/:id/retire                   A F . .
GET /api/programmes/:id/cost-sharing-agreements   A F P V
POST /api/programmes/:id/cost-sharing-agreements  A F . .
PATCH /api/cost-sharing-agreements/:id            A F . .
POST /api/cost-sharing-agreements/:id/retire      A F . .
GET /api/decisions                                A F P V
POST /api/decisions                               A F . .
PATCH /api/decisions/:id                          A F . .
POST /api/decisions/:id/retire                    A F . .
GET /api/reconciliation                           A F P V
GET /api/programmes/:id/reconciliation            A F P V
GET /api/exports/transparency                     A F P V
GET /api/exports/360giving                        A F P V
POST /api/imports/spend                           A F . .
GET /api/imports/spend                            A F P V
POST /api/imports/spend/:id/reverse               A F . .
GET /api/imports/spend/mappings                   A F P V
GET /api/imports/spend/:id/set-aside              A F P V
GET /api/imports/spend/unmatched                  A F P V
POST /api/imports/spend/unmatched/match           A F . .
POST /api/imports/360giving                       A F . .
GET /api/periods                                  A F P V
POST /api/periods                                 A F . .
POST /api/periods/:id/reopen-request              A F . .
POST /api/periods/:id/reopen                      A F . .
GET /api/change-requests                          A F P V
GET /api/change-requests/:id                      A F P V
POST /api/change-requests/:id/approve             A F . .
POST /api/change-requests/:id/reject              A F . .
GET /api/commitments/:id/claim-pack               A F P V
GET /api/commitments/:id/claims                   A F P V
POST /api/claims                                  A F . .
POST /api/claims/:id/paid                         A F . .
POST /api/claims/:id/retire                       A F . .
POST /api/benefit-readings/:id/approve            A F P V
GET /api/audit                                    A F . .
GET /api/programmes/:id/history                   A F P V
GET /api/dashboard                                A F P V
`;

/** Routes anyone may call, signed in or not. */
export const PUBLIC_ROUTES = [
  "GET /api/health",
  "GET /api/ready",
  "POST /api/session",
  "POST /api/invitations/accept",
  // A calendar program's: the secret in the address is the credential.
  "GET /api/calendar/:token/milestones.ics",
  // A council sign-in: the browser has no session yet; the council's provider vouches for it.
  "GET /api/sso/councils",
  "GET /api/sso/start",
  "GET /api/sso/callback",
  // From a weekly email: the secret in the link is the credential.
  "POST /api/weekly-digest/unsubscribe/:token",
];

const LETTERS: Record<string, Role> = { A: "administrator", F: "finance_officer", P: "programme_manager", V: "viewer" };

/** "METHOD /api/path" → the roles that may use it. */
export const EXPECTED_ACCESS: ReadonlyMap<string, readonly Role[]> = new Map(
  TABLE.trim()
    .split("\n")
    .map((line) => {
      const [method = "", url = "", ...letters] = line.trim().split(/\s+/);
      return [`${method} ${url}`, letters.flatMap((letter) => LETTERS[letter] ?? [])] as const;
    }),
);
