import { formatPence } from "@fundline/domain";
import { CreateAllocationRequest, type ProgrammeDetail, UpdateAllocationRequest } from "@fundline/schemas";
import { type ReactNode, useRef } from "react";
import { useWatch } from "react-hook-form";
import { useParams, useSearchParams } from "react-router";
import { MoneyField, SelectField, TextField } from "../../../components/forms/fields.tsx";
import { RetireForm } from "../../../components/forms/retire-form.tsx";
import { SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { NotFound } from "../../../components/page/page-states.tsx";
import { newIdempotencyKey } from "../../../lib/mutations.ts";
import { ChangeReasonField } from "../../change-requests/index.ts";
import { WithProgramme } from "../../programme-frame/index.ts";
import { useWriteWithFindings } from "../../reconciliation/index.ts";
import { useCreateAllocation, useRetireAllocation, useUpdateAllocation } from "../api/allocations.ts";

type Line = ProgrammeDetail["costLines"][number];
type Allocation = Line["allocations"][number];

const moneySection = (programme: ProgrammeDetail) => `/programmes/${programme.id}#money`;

/**
 * What is left on both sides as the amount is typed: the commitment's unallocated money, and the
 * line's allocation against its spend (Dartington's line: £80,000 + £25,000 from two commitments).
 */
function WhatIsLeft({ programme, replacing }: { programme: ProgrammeDetail; replacing?: Allocation }) {
  const [commitmentId, costLineId, amount] = useWatch({ name: ["commitmentId", "costLineId", "amountPence"] });
  const commitment = programme.commitments.find((each) => each.id === (commitmentId ?? replacing?.commitmentId));
  const line = programme.costLines.find((each) => each.id === costLineId);
  // An edit replaces the allocation's old amount; a move takes it off the old line.
  const typed = typeof amount === "number" ? amount : 0;
  const previous = replacing?.amountPence ?? 0;
  const lineHadIt = replacing && line?.allocations.some((each) => each.id === replacing.id);
  return (
    <div className="live-sum" aria-live="polite">
      {commitment ? (
        <p>
          {commitment.title}: {formatPence(commitment.amountPence)} awarded,{" "}
          {formatPence(commitment.allocatedPence - previous)} allocated elsewhere;{" "}
          <strong>{formatPence(commitment.amountPence - commitment.allocatedPence + previous - typed)} left</strong>{" "}
          after this allocation.
        </p>
      ) : (
        <p>Choose a commitment to see what it has left to allocate.</p>
      )}
      {line ? (
        <p>
          {line.name}: {formatPence(line.spentPence)} spent;{" "}
          <strong>{formatPence(line.allocatedPence - (lineHadIt ? previous : 0) + typed)} allocated</strong> after this
          allocation
          {line.spentPence > line.allocatedPence - (lineHadIt ? previous : 0) + typed
            ? `, ${formatPence(line.spentPence - (line.allocatedPence - (lineHadIt ? previous : 0) + typed))} of its spend still unfunded.`
            : "."}
        </p>
      ) : (
        <p>Choose a cost line to see its allocation and spend.</p>
      )}
    </div>
  );
}

const commitmentOptions = (programme: ProgrammeDetail) => [
  { value: "", label: "Choose a commitment" },
  ...programme.commitments.map((commitment) => ({
    value: commitment.id,
    label: `${commitment.title} (${formatPence(commitment.amountPence - commitment.allocatedPence)} left)`,
  })),
];
const lineOptions = (programme: ProgrammeDetail) => [
  { value: "", label: "Choose a cost line" },
  ...programme.costLines.map((line) => ({
    value: line.id,
    label: line.ledgerCode ? `${line.name} (${line.ledgerCode})` : line.name,
  })),
];

export function AddAllocationPage() {
  return <WithProgramme>{(programme) => <AddAllocationForm programme={programme} />}</WithProgramme>;
}

function AddAllocationForm({ programme }: { programme: ProgrammeDetail }) {
  const [search] = useSearchParams();
  const save = useCreateAllocation();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const key = useRef(newIdempotencyKey()).current;
  const form = useSchemaForm(CreateAllocationRequest, {
    commitmentId: search.get("commitmentId") ?? "",
    costLineId: search.get("costLineId") ?? "",
    note: "",
  });
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Allocate funding to a cost line"
    >
      <SchemaForm
        form={form}
        what="allocation"
        submitLabel="Allocate"
        cancelTo={moneySection(programme)}
        onSubmit={async (allocation) => {
          const { findings } = await withFindings(programme.id, () => save.mutateAsync({ allocation, key }));
          returnTo(moneySection(programme), `${formatPence(allocation.amountPence)} is allocated.`, findings);
        }}
      >
        <SelectField name="commitmentId" label="From the commitment" options={commitmentOptions(programme)} />
        <SelectField name="costLineId" label="To the cost line" options={lineOptions(programme)} />
        <MoneyField name="amountPence" label="Amount" />
        <WhatIsLeft programme={programme} />
        <TextField name="note" label="Note (optional)" hint="Why, or the decision it follows." />
        <ChangeReasonField />
      </SchemaForm>
    </FormPage>
  );
}

/** An allocation on one of the programme's lines, or "Allocation not found". */
function WithAllocation({ children }: { children: (programme: ProgrammeDetail, allocation: Allocation) => ReactNode }) {
  const { allocationId } = useParams();
  return (
    <WithProgramme>
      {(programme) => {
        const allocation = programme.costLines
          .flatMap((line) => line.allocations)
          .find((each) => each.id === allocationId);
        return allocation ? children(programme, allocation) : <NotFound what="allocation" />;
      }}
    </WithProgramme>
  );
}

const lineOf = (programme: ProgrammeDetail, allocation: Allocation) =>
  programme.costLines.find((line) => line.allocations.some((each) => each.id === allocation.id));

export function EditAllocationPage() {
  return (
    <WithAllocation>
      {(programme, allocation) => <EditAllocationForm programme={programme} allocation={allocation} />}
    </WithAllocation>
  );
}

function EditAllocationForm({ programme, allocation }: { programme: ProgrammeDetail; allocation: Allocation }) {
  const save = useUpdateAllocation();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const commitment = programme.commitments.find((each) => each.id === allocation.commitmentId);
  const form = useSchemaForm(UpdateAllocationRequest, {
    version: allocation.version,
    costLineId: lineOf(programme, allocation)?.id ?? "",
    amountPence: allocation.amountPence,
    note: allocation.note ?? "",
  });
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={commitment?.title ?? programme.name}
      title="Change an allocation"
    >
      <SchemaForm
        form={form}
        what="allocation"
        submitLabel="Save the allocation"
        cancelTo={moneySection(programme)}
        onSubmit={async (change) => {
          const { findings } = await withFindings(programme.id, () => save.mutateAsync({ id: allocation.id, change }));
          returnTo(moneySection(programme), "The allocation is saved.", findings);
        }}
      >
        <SelectField name="costLineId" label="Cost line" options={lineOptions(programme)} />
        <MoneyField name="amountPence" label="Amount" />
        <WhatIsLeft programme={programme} replacing={allocation} />
        <TextField name="note" label="Note (optional)" />
        <ChangeReasonField />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireAllocationPage() {
  return (
    <WithAllocation>
      {(programme, allocation) => <RetireAllocationForm programme={programme} allocation={allocation} />}
    </WithAllocation>
  );
}

function RetireAllocationForm({ programme, allocation }: { programme: ProgrammeDetail; allocation: Allocation }) {
  const retire = useRetireAllocation();
  const withFindings = useWriteWithFindings();
  const returnTo = useReturnWithConfirmation();
  const line = lineOf(programme, allocation);
  return (
    <FormPage
      back={{ to: moneySection(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`Retire the allocation of ${formatPence(allocation.amountPence)} to ${line?.name ?? "its line"}`}
    >
      <RetireForm
        what="allocation"
        version={allocation.version}
        consequence="The money goes back to its commitment to allocate again, and the line's allocation falls by the same amount."
        cancelTo={moneySection(programme)}
        onRetire={async (retirement) => {
          const { findings } = await withFindings(programme.id, () =>
            retire.mutateAsync({ id: allocation.id, retirement }),
          );
          returnTo(moneySection(programme), "The allocation is retired.", findings);
        }}
      />
    </FormPage>
  );
}
