import { z } from "zod";

// The words records are described with, shared by the programme and its delivery records.
export const ProgrammeStatus = z.enum(["proposed", "bid_submitted", "approved", "unsuccessful", "active", "closed"]);
export const GovernanceStage = z.enum(["formulation", "due_diligence", "implementation"]);
export const PartnerRole = z.enum(["lead", "partner", "delivery_partner", "supplier", "evaluator"]);
export const CommitmentStatus = z.enum(["applied", "awarded", "unsuccessful", "withdrawn", "received"]);
export const FundType = z.enum(["capital", "revenue"]);
export const MilestoneStatus = z.enum(["not_started", "on_track", "at_risk", "delayed", "met", "cancelled"]);
export const DatePrecision = z.enum(["day", "month", "season", "quarter", "year"]);
export const RiskStatus = z.enum(["open", "mitigating", "closed"]);
