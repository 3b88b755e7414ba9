import { formatDate, formatPence } from "@fundline/domain";
import { CreateSpendRequest, type ProgrammeDetail, type SpendInList, UpdateSpendRequest } from "@fundline/schemas";
import { type ReactNode, useRef } from "react";
import { useParams } from "react-router";
import { z } from "zod";
import {
  CheckboxField,
  DateField,
  MoneyField,
  SelectField,
  TextAreaField,
  TextField,
} from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { NotFound, QueryPage } from "../../../components/page/page-states.tsx";
import { newIdempotencyKey } from "../../../lib/mutations.ts";
import { WithProgramme } from "../../programme-frame/index.ts";
import { useWriteWithFindings } from "../../reconciliation/index.ts";
import { useChangesMoneyOf } from "../../session/index.ts";
import { useCreateSpend, usePayment, useRetireSpend, useUpdateSpend } from "../api/spend.ts";

const paymentsOf = (programmeId: string) => `/programmes/${programmeId}#payments`;

/**
 * A payment is typed as a positive amount and called a payment or a credit note, as an invoice
 * and a credit note are; the API holds a credit note as a negative amount.
 */
const Kind = z.enum(["payment", "credit"]);
function signed<Request>({ kind, ...values }: { kind: "payment" | "credit"; amountPence: number }): Request {
  return { ...values, amountPence: kind === "credit" ? -values.amountPence : values.amountPence } as Request;
}
const positive = z.number().int().positive("must be more than zero: choose “Credit note” for money coming back");

const NewPayment = CreateSpendRequest.extend({ kind: Kind, amountPence: positive });
const CorrectedPayment = UpdateSpendRequest.extend({
  kind: Kind,
  amountPence: positive,
  supplierName: filledIn(UpdateSpendRequest.shape.supplierName),
  spentOn: filledIn(UpdateSpendRequest.shape.spentOn),
  costLineId: filledIn(UpdateSpendRequest.shape.costLineId),
});

function PaymentFields({ programme }: { programme: ProgrammeDetail }) {
  return (
    <>
      <SelectField
        name="kind"
        label="Payment or credit note"
        options={[
          { value: "payment", label: "Payment" },
          { value: "credit", label: "Credit note (money coming back)" },
        ]}
      />
      <DateField name="spentOn" label="Date paid" />
      <MoneyField name="amountPence" label="Amount" hint="Including any VAT the council cannot recover." />
      <MoneyField name="irrecoverableVatPence" label="Irrecoverable VAT (optional)" />
      <SelectField
        name="costLineId"
        label="Cost line"
        options={[
          { value: "", label: "Choose a cost line" },
          ...programme.costLines.map((line) => ({
            value: line.id,
            label: line.ledgerCode ? `${line.name} (${line.ledgerCode})` : line.name,
          })),
        ]}
      />
      <SelectField
        name="commitmentId"
        label="Paid from"
        hint="Name the commitment if the funder's money paid it; otherwise the payment is shared across the line's allocations in proportion."
        options={[
          { value: "", label: "Shared across the line's allocations" },
          ...programme.commitments.map((commitment) => ({ value: commitment.id, label: commitment.title })),
        ]}
      />
      <SelectField
        name="payingOrganisationId"
        label="Paid by (optional)"
        hint="The partner council that paid, where the cost is shared."
        options={[
          { value: "", label: "Not recorded" },
          ...programme.partners
            .filter((partner) => partner.role !== "supplier")
            .map((partner) => ({ value: partner.organisation.id, label: partner.organisation.name })),
        ]}
      />
      <h2>As the Transparency Code publishes it</h2>
      <TextField name="supplierName" label="Supplier" />
      <CheckboxField
        name="paidToIndividual"
        label="Paid to an individual"
        hint="The supplier's name is then withheld when the council publishes its spend."
      />
      <TextField name="department" label="Service area (optional)" />
      <TextAreaField name="purpose" label="What it was for (optional)" rows={2} />
      <TextField name="merchantCategory" label="Merchant category (optional)" hint="For card payments." />
      <TextField name="reference" label="Invoice or transaction reference (optional)" width="short" />
    </>
  );
}

export function AddPaymentPage() {
  return <WithProgramme>{(programme) => <AddPaymentForm programme={programme} />}</WithProgramme>;
}

function AddPaymentForm({ programme }: { programme: ProgrammeDetail }) {
  const save = useCreateSpend();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const key = useRef(newIdempotencyKey()).current;
  const form = useSchemaForm(NewPayment, {
    programmeId: programme.id,
    kind: "payment",
    spentOn: "",
    costLineId: "",
    commitmentId: "",
    payingOrganisationId: "",
    supplierName: "",
    paidToIndividual: false,
    department: "",
    purpose: "",
    merchantCategory: "",
    reference: "",
  });
  return (
    <FormPage
      back={{ to: paymentsOf(programme.id), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Record a payment or credit note"
    >
      <SchemaForm
        form={form}
        what="payment"
        submitLabel="Record it"
        cancelTo={paymentsOf(programme.id)}
        onSubmit={async (values) => {
          const spend = signed<CreateSpendRequest>(values);
          const { result, findings } = await withFindings(programme.id, () => save.mutateAsync({ spend, key }));
          returnTo(
            paymentsOf(programme.id),
            `${result.amountPence < 0 ? "Credit note" : "Payment"} of ${formatPence(Math.abs(result.amountPence))} to ${result.supplierName} on ${formatDate(result.spentOn)} is recorded.`,
            findings,
          );
        }}
      >
        <PaymentFields programme={programme} />
      </SchemaForm>
    </FormPage>
  );
}

/**
 * The payment in the address, on the programme in the address, or "Payment not found"; one in
 * another council's books is said to be its to change, with no form to fill in for nothing.
 */
function WithPayment({ children }: { children: (programme: ProgrammeDetail, payment: SpendInList) => ReactNode }) {
  const { spendId = "" } = useParams();
  const payment = usePayment(spendId);
  const changes = useChangesMoneyOf();
  return (
    <WithProgramme>
      {(programme) => (
        <QueryPage query={payment} what="payment">
          {(found) =>
            found.programmeId !== programme.id ? (
              <NotFound what="payment" />
            ) : changes(found.owner.id) ? (
              children(programme, found)
            ) : (
              <FormPage
                back={{ to: paymentsOf(programme.id), label: `Back to ${programme.name}` }}
                caption={programme.name}
                title={`The payment of ${formatPence(Math.abs(found.amountPence))} to ${found.supplierName}`}
              >
                <p>
                  This payment is in {found.owner.name}'s books: only {found.owner.name} can correct or retire it. Your
                  council can read it; ask {found.owner.name}'s finance team if it is wrong.
                </p>
              </FormPage>
            )
          }
        </QueryPage>
      )}
    </WithProgramme>
  );
}

export function EditPaymentPage() {
  return (
    <WithPayment>{(programme, payment) => <EditPaymentForm programme={programme} payment={payment} />}</WithPayment>
  );
}

function EditPaymentForm({ programme, payment }: { programme: ProgrammeDetail; payment: SpendInList }) {
  const save = useUpdateSpend();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CorrectedPayment, {
    version: payment.version,
    kind: payment.amountPence < 0 ? "credit" : "payment",
    spentOn: payment.spentOn,
    amountPence: Math.abs(payment.amountPence),
    irrecoverableVatPence: payment.irrecoverableVatPence,
    costLineId: payment.costLineId,
    commitmentId: payment.commitmentId ?? "",
    payingOrganisationId: payment.payingOrganisationId ?? "",
    supplierName: payment.supplierName,
    paidToIndividual: payment.paidToIndividual,
    department: payment.department ?? "",
    purpose: payment.purpose ?? "",
    merchantCategory: payment.merchantCategory ?? "",
    reference: payment.reference ?? "",
  });
  return (
    <FormPage
      back={{ to: paymentsOf(programme.id), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={payment.amountPence < 0 ? "Correct a credit note" : "Correct a payment"}
      lead={
        payment.source === "import" ? (
          <p>
            This payment came from a ledger import. Correct it here only if the ledger is being corrected too, or the
            next import will not match it.
          </p>
        ) : undefined
      }
    >
      <SchemaForm
        form={form}
        what="payment"
        submitLabel="Save it"
        cancelTo={paymentsOf(programme.id)}
        onSubmit={async (values) => {
          const change = signed<UpdateSpendRequest & { supplierName: string }>(values);
          const { findings } = await withFindings(programme.id, () => save.mutateAsync({ id: payment.id, change }));
          returnTo(paymentsOf(programme.id), `The payment to ${change.supplierName} is saved.`, findings);
        }}
      >
        <PaymentFields programme={programme} />
      </SchemaForm>
    </FormPage>
  );
}

export function RetirePaymentPage() {
  return (
    <WithPayment>{(programme, payment) => <RetirePaymentForm programme={programme} payment={payment} />}</WithPayment>
  );
}

function RetirePaymentForm({ programme, payment }: { programme: ProgrammeDetail; payment: SpendInList }) {
  const retire = useRetireSpend();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage
      back={{ to: paymentsOf(programme.id), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`Retire the ${payment.amountPence < 0 ? "credit note" : "payment"} of ${formatPence(Math.abs(payment.amountPence))} to ${payment.supplierName}`}
    >
      <RetireForm
        what="payment"
        version={payment.version}
        consequence={`It stops counting in the spend of ${payment.costLine.name}, the programme, its partners' shares and the portfolio.`}
        cancelTo={paymentsOf(programme.id)}
        onRetire={async (retirement) => {
          const { findings } = await withFindings(programme.id, () =>
            retire.mutateAsync({ id: payment.id, retirement }),
          );
          returnTo(paymentsOf(programme.id), "The payment is retired.", findings);
        }}
      />
    </FormPage>
  );
}
