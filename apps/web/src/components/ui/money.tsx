import { formatPence } from "@fundline/domain";

export function Money({ pence }: { pence: number }) {
  return <>{formatPence(pence)}</>;
}
