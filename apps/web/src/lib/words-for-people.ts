// The API names fields as code does ("body.amountPence: must not be negative"); people are told
// the same in sentences ("Amount must not be negative."). Where the API's words would puzzle
// someone, they are said again here.

const SAID_AGAIN: Record<string, string> = {
  "this is the last active administrator":
    "This is the last active administrator. Make someone else an administrator before changing this account.",
};

/** `body.amountPence` → "Amount"; `programmeId` → "Programme"; `query.financialYear` → "Financial year". */
function fieldLabel(path: string): string {
  const field =
    path
      .replace(/^(body|querystring|query|params)\./, "")
      .split(".")
      .at(-1) ?? path;
  const words = field
    .replace(/(Pence|Id|On)$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Each problem the API named, as a sentence a person would say. */
export function problemsInWords(fields: readonly { path: string; message: string }[]): string {
  return fields
    .map(({ path, message }) => {
      const sentence = SAID_AGAIN[message] ?? `${fieldLabel(path)} ${message}`;
      return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
    })
    .join(" ");
}
