// What other features may use of commitments: the declaration of the record itself (a
// 360Giving import writes commitments and audits them).
export { commitmentRecord } from "./records.ts";
