/** Whole days from `baselineOn` to `laterOn` (ISO dates); positive means late. */
export function slippageDays(baselineOn: string, laterOn: string | null): number | null {
  if (laterOn === null) return null;
  const DAY_MS = 86_400_000;
  return Math.round((Date.parse(`${laterOn}T00:00:00Z`) - Date.parse(`${baselineOn}T00:00:00Z`)) / DAY_MS);
}
