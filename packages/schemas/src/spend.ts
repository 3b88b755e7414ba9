import { z } from "zod";
import {
  AmountPence,
  ChangeReason,
  DateInput,
  IsoDate,
  NonNegativePence,
  Pence,
  Text,
  Uuid,
  Version,
} from "./common.ts";

const NonZeroPence = AmountPence.refine((pence) => pence !== 0, "must not be zero (a credit note is negative)");

/** What arrives from a funder is money in: a repayment to the funder is not a receipt. */
const ReceivedPence = AmountPence.refine((pence) => pence > 0, "must be more than zero");

// The fields without defaults, so an update's missing field means "unchanged", never "reset".
const SpendFields = z.strictObject({
  programmeId: Uuid,
  costLineId: Uuid,
  /** Names the commitment that pays; otherwise the spend is attributed pro rata to the line's allocations. */
  commitmentId: Uuid.nullable(),
  spentOn: DateInput,
  amountPence: NonZeroPence,
  irrecoverableVatPence: NonNegativePence,
  supplierName: Text(300),
  supplierId: Uuid.nullable(),
  paidToIndividual: z.boolean(),
  department: Text(200).nullable(),
  purpose: Text(1_000).nullable(),
  merchantCategory: Text(200).nullable(),
  reference: Text(200).nullable(),
  payingOrganisationId: Uuid.nullable(),
});

/** A payment as the ledger and the Local Government Transparency Code describe it. */
export const CreateSpendRequest = SpendFields.extend({
  commitmentId: SpendFields.shape.commitmentId.default(null),
  irrecoverableVatPence: NonNegativePence.default(0),
  supplierId: SpendFields.shape.supplierId.default(null),
  paidToIndividual: z.boolean().default(false),
  department: SpendFields.shape.department.default(null),
  purpose: SpendFields.shape.purpose.default(null),
  merchantCategory: SpendFields.shape.merchantCategory.default(null),
  reference: SpendFields.shape.reference.default(null),
  payingOrganisationId: SpendFields.shape.payingOrganisationId.default(null),
});
export type CreateSpendRequest = z.infer<typeof CreateSpendRequest>;

export const UpdateSpendRequest = SpendFields.omit({ programmeId: true }).partial().extend({ version: Version });
export type UpdateSpendRequest = z.infer<typeof UpdateSpendRequest>;

export const SpendResponse = z.object({
  id: Uuid,
  programmeId: Uuid,
  costLineId: Uuid,
  commitmentId: Uuid.nullable(),
  spentOn: IsoDate,
  amountPence: Pence,
  irrecoverableVatPence: Pence,
  supplierName: z.string(),
  supplierId: Uuid.nullable(),
  paidToIndividual: z.boolean(),
  department: z.string().nullable(),
  purpose: z.string().nullable(),
  merchantCategory: z.string().nullable(),
  reference: z.string().nullable(),
  payingOrganisationId: Uuid.nullable(),
  source: z.enum(["manual", "import"]),
  version: z.number().int(),
  retiredAt: z.string().nullable(),
  retirementReason: z.string().nullable(),
});
export type SpendResponse = z.infer<typeof SpendResponse>;

export const CreateReceiptRequest = z.strictObject({
  commitmentId: Uuid,
  receivedOn: DateInput,
  amountPence: ReceivedPence,
  reference: Text(200).nullable().default(null),
  changeReason: ChangeReason,
});
export type CreateReceiptRequest = z.infer<typeof CreateReceiptRequest>;

/** Correcting how a receipt was recorded (a typo in the amount or date); the commitment stays. */
export const UpdateReceiptRequest = z.strictObject({
  version: Version,
  receivedOn: DateInput.optional(),
  amountPence: ReceivedPence.optional(),
  reference: Text(200).nullable().optional(),
  changeReason: ChangeReason,
});
export type UpdateReceiptRequest = z.infer<typeof UpdateReceiptRequest>;

export const ReceiptResponse = z.object({
  id: Uuid,
  commitmentId: Uuid,
  receivedOn: IsoDate,
  amountPence: Pence,
  reference: z.string().nullable(),
  version: z.number().int(),
  retiredAt: z.string().nullable(),
  retirementReason: z.string().nullable(),
});
export type ReceiptResponse = z.infer<typeof ReceiptResponse>;
