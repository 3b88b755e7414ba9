import { AddPartnerRequest, PartnerRole, type ProgrammeDetail, UpdatePartnerRequest } from "@fundline/schemas";
import { DateField, SelectField, TextField } from "../../../components/forms/fields.tsx";
import { SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { useOrganisations } from "../../organisations/index.ts";
import { PARTNER_ROLES, WithProgramme, WithProgrammeRecord } from "../../programme-frame/index.ts";
import { useAddPartner, useUpdatePartner } from "../api/partners.ts";

type Partner = ProgrammeDetail["partners"][number];
const ROLE_OPTIONS = PartnerRole.options.map((role) => ({ value: role, label: PARTNER_ROLES[role] }));
const partnersOf = (programme: ProgrammeDetail) => `/programmes/${programme.id}#partners`;

export function AddPartnerPage() {
  return <WithProgramme>{(programme) => <AddPartnerForm programme={programme} />}</WithProgramme>;
}

function AddPartnerForm({ programme }: { programme: ProgrammeDetail }) {
  const organisations = useOrganisations();
  const save = useAddPartner(programme.id);
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(AddPartnerRequest, {
    organisationId: "",
    role: "partner",
    joinedOn: "",
    withdrewOn: "",
    note: "",
  });
  return (
    <FormPage
      back={{ to: partnersOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title="Add a partner"
    >
      <SchemaForm
        form={form}
        what="partner"
        submitLabel="Add the partner"
        cancelTo={partnersOf(programme)}
        onSubmit={async (partner) => {
          await save.mutateAsync(partner);
          const name = organisations.data?.organisations.find((each) => each.id === partner.organisationId)?.name;
          returnTo(
            partnersOf(programme),
            `${name ?? "The organisation"} is added as ${PARTNER_ROLES[partner.role].toLowerCase()}.`,
          );
        }}
      >
        <SelectField
          name="organisationId"
          label="Organisation"
          hint="An administrator adds organisations that are not listed."
          options={[
            { value: "", label: organisations.isPending ? "Loading organisations…" : "Choose an organisation" },
            ...(organisations.data?.organisations ?? []).map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            })),
          ]}
        />
        <SelectField name="role" label="Role" options={ROLE_OPTIONS} />
        <DateField name="joinedOn" label="Joined (optional)" />
        <TextField name="note" label="Note (optional)" hint="For example, “Partner in the unsuccessful bid”." />
      </SchemaForm>
    </FormPage>
  );
}

export function EditPartnerPage() {
  return (
    <WithProgrammeRecord what="partner" param="partnerId" records={(programme) => programme.partners}>
      {(programme, partner) => <EditPartnerForm programme={programme} partner={partner} />}
    </WithProgrammeRecord>
  );
}

/** A partner's role, dates and note; withdrawing is a date, never a deletion (the history stays). */
function EditPartnerForm({ programme, partner }: { programme: ProgrammeDetail; partner: Partner }) {
  const save = useUpdatePartner();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdatePartnerRequest, {
    version: partner.version,
    role: partner.role,
    joinedOn: partner.joinedOn ?? "",
    withdrewOn: partner.withdrewOn ?? "",
    note: partner.note ?? "",
  });
  return (
    <FormPage
      back={{ to: partnersOf(programme), label: `Back to ${programme.name}` }}
      caption={programme.name}
      title={`${partner.organisation.name}: role and dates`}
    >
      <SchemaForm
        form={form}
        what="partner"
        submitLabel="Save the partner"
        cancelTo={partnersOf(programme)}
        onSubmit={async (change) => {
          await save.mutateAsync({ id: partner.id, change });
          returnTo(
            partnersOf(programme),
            change.withdrewOn
              ? `${partner.organisation.name} is recorded as withdrawn.`
              : `${partner.organisation.name} is saved.`,
          );
        }}
      >
        <SelectField name="role" label="Role" options={ROLE_OPTIONS} />
        <DateField name="joinedOn" label="Joined (optional)" />
        <DateField
          name="withdrewOn"
          label="Withdrew (optional)"
          hint="The day the partner left the programme. Its history stays. For example, 28 2 2002"
        />
        <TextField name="note" label="Note (optional)" />
      </SchemaForm>
    </FormPage>
  );
}
