/** A short coloured label with its meaning in words (colour is never the only signal, WCAG 1.4.1). */
export function StatusTag({ tone, children }: { tone: "grey" | "blue" | "green" | "amber" | "red"; children: string }) {
  return <strong className={`tag tag-${tone}`}>{children}</strong>;
}
