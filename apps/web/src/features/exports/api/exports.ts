import { ApiError, parse, reach } from "../../../lib/api-client.ts";

/**
 * Fetches a file the API makes (CSV, JSON) and hands it to the browser as a download named as the
 * server names it. A refusal (a date the wrong way round) is thrown as the API's error, for the form.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await reach(path, { headers: { accept: "text/csv, application/json" } });
  if (!response.ok) {
    await parse(response, { parse: () => undefined } as never);
    throw new ApiError(response.status, "The file could not be made.");
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = named ?? fallbackName;
  link.click();
  URL.revokeObjectURL(url);
}
