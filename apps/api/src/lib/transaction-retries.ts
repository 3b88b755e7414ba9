import { Counter } from "prom-client";

/**
 * Transactions run again after PostgreSQL reported a write conflict (serialization failure or
 * deadlock). Kept here, beside the retry, and shown by the metrics plugin's registry.
 */
export const transactionRetries = new Counter({
  name: "fundline_transaction_retries_total",
  help: "Transactions retried after a serialization failure or deadlock",
  registers: [],
});
