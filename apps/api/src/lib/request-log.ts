// What a request's log line says of it: its id, method and path, with no addresses, headers,
// cookies or query strings (which may carry personal data or secrets), and with the secret in
// a calendar feed's address and in an email's unsubscribe link (both in the path) left out.
const SECRET_IN_PATH = /^(\/api\/calendar\/|\/api\/weekly-digest\/unsubscribe\/)[^/?]+/;

export function requestLogFields(request: { id: string; method: string; url: string }) {
  return {
    id: request.id,
    method: request.method,
    path: (request.url.split("?")[0] ?? "").replace(SECRET_IN_PATH, "$1(secret)"),
  };
}
