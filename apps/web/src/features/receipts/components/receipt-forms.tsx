import { type CommitmentDetail, CreateReceiptRequest, UpdateReceiptRequest } from "@fundline/schemas";
import { type ReactNode, useRef } from "react";
import { useParams } from "react-router";
import { DateField, MoneyField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { NotFound } from "../../../components/page/page-states.tsx";
import { newIdempotencyKey } from "../../../lib/mutations.ts";
import { ChangeReasonField } from "../../change-requests/index.ts";
import { commitmentPath, WithCommitment } from "../../commitments/index.ts";
import { useWriteWithFindings } from "../../reconciliation/index.ts";
import { useCreateReceipt, useRetireReceipt, useUpdateReceipt } from "../api/receipts.ts";

type Receipt = CommitmentDetail["receipts"][number];

function ReceiptFields() {
  return (
    <>
      <DateField name="receivedOn" label="Date received" />
      <MoneyField name="amountPence" label="Amount received" />
      <TextField name="reference" label="Reference (optional)" hint="The remittance or ledger reference." />
    </>
  );
}

function ReceiptFormPage({
  commitment,
  title,
  children,
}: {
  commitment: CommitmentDetail;
  title: string;
  children: ReactNode;
}) {
  return (
    <FormPage
      back={{ to: commitmentPath(commitment.id), label: `Back to ${commitment.title}` }}
      caption={`${commitment.title}: ${commitment.funder.name}`}
      title={title}
    >
      {children}
    </FormPage>
  );
}

export function AddReceiptPage() {
  return <WithCommitment>{(commitment) => <AddReceiptForm commitment={commitment} />}</WithCommitment>;
}

function AddReceiptForm({ commitment }: { commitment: CommitmentDetail }) {
  const save = useCreateReceipt();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const key = useRef(newIdempotencyKey()).current;
  const form = useSchemaForm(CreateReceiptRequest, { commitmentId: commitment.id, receivedOn: "", reference: "" });
  return (
    <ReceiptFormPage commitment={commitment} title="Record money received">
      <SchemaForm
        form={form}
        what="receipt"
        submitLabel="Record the receipt"
        cancelTo={commitmentPath(commitment.id)}
        onSubmit={async (receipt) => {
          const { findings } = await withFindings(commitment.programmeId, () => save.mutateAsync({ receipt, key }));
          returnTo(commitmentPath(commitment.id), "The receipt is recorded.", findings);
        }}
      >
        <ReceiptFields />
        <ChangeReasonField />
      </SchemaForm>
    </ReceiptFormPage>
  );
}

/** A receipt of the commitment in the address, or "Receipt not found". */
function WithReceipt({ children }: { children: (commitment: CommitmentDetail, receipt: Receipt) => ReactNode }) {
  const { receiptId } = useParams();
  return (
    <WithCommitment>
      {(commitment) => {
        const receipt = commitment.receipts.find((each) => each.id === receiptId);
        return receipt ? children(commitment, receipt) : <NotFound what="receipt" />;
      }}
    </WithCommitment>
  );
}

const UpdateReceipt = UpdateReceiptRequest.extend({
  receivedOn: filledIn(UpdateReceiptRequest.shape.receivedOn),
  amountPence: filledIn(UpdateReceiptRequest.shape.amountPence),
});

export function EditReceiptPage() {
  return (
    <WithReceipt>{(commitment, receipt) => <EditReceiptForm commitment={commitment} receipt={receipt} />}</WithReceipt>
  );
}

function EditReceiptForm({ commitment, receipt }: { commitment: CommitmentDetail; receipt: Receipt }) {
  const save = useUpdateReceipt();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateReceipt, {
    version: receipt.version,
    receivedOn: receipt.receivedOn,
    amountPence: receipt.amountPence,
    reference: receipt.reference ?? "",
  });
  return (
    <ReceiptFormPage commitment={commitment} title="Correct a receipt">
      <SchemaForm
        form={form}
        what="receipt"
        submitLabel="Save the receipt"
        cancelTo={commitmentPath(commitment.id)}
        onSubmit={async (change) => {
          const { findings } = await withFindings(commitment.programmeId, () =>
            save.mutateAsync({ id: receipt.id, change }),
          );
          returnTo(commitmentPath(commitment.id), "The receipt is saved.", findings);
        }}
      >
        <ReceiptFields />
        <ChangeReasonField />
      </SchemaForm>
    </ReceiptFormPage>
  );
}

export function RetireReceiptPage() {
  return (
    <WithReceipt>
      {(commitment, receipt) => <RetireReceiptForm commitment={commitment} receipt={receipt} />}
    </WithReceipt>
  );
}

function RetireReceiptForm({ commitment, receipt }: { commitment: CommitmentDetail; receipt: Receipt }) {
  const retire = useRetireReceipt();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  return (
    <ReceiptFormPage commitment={commitment} title="Retire a receipt">
      <RetireForm
        what="receipt"
        version={receipt.version}
        consequence="Its amount stops counting as received against this commitment."
        cancelTo={commitmentPath(commitment.id)}
        onRetire={async (retirement) => {
          const { findings } = await withFindings(commitment.programmeId, () =>
            retire.mutateAsync({ id: receipt.id, retirement }),
          );
          returnTo(commitmentPath(commitment.id), "The receipt is retired.", findings);
        }}
      />
    </ReceiptFormPage>
  );
}
