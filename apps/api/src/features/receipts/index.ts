// What other features may use of receipts: the rest is this feature's own.
export { toReceiptResponse } from "./receipts.ts";
