// How the tests send a ledger: a multipart body as a browser sends it (fields first, then the file).
import type { SignedIn } from "./test-app.ts";

export type LedgerUpload = { name: string; content: string | Buffer };

export async function uploadLedger(
  as: Pick<SignedIn, "inject">,
  fields: Record<string, string>,
  file?: LedgerUpload,
  accept?: string,
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append("file", new Blob([file.content]), file.name);
  const request = new Request("http://fundline.test", { method: "POST", body });
  return as.inject({
    method: "POST",
    url: "/api/imports/spend",
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type") ?? "", ...(accept ? { accept } : {}) },
  });
}
