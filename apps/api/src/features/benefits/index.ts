// What other features may use of benefits: how a benefit is shown, with its latest reading.
export { toBenefitResponse, withLatestReading } from "./benefits.ts";
