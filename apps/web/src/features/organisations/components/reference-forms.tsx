import {
  CreateFundRequest,
  CreateOrganisationRequest,
  type FundResponse,
  type OrganisationResponse,
  UpdateFundRequest,
  UpdateOrganisationRequest,
} from "@fundline/schemas";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import {
  CheckboxesField,
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
import {
  useCreateFund,
  useCreateOrganisation,
  useFunders,
  useFunds,
  useOrganisations,
  useRetireFund,
  useRetireOrganisation,
  useUpdateFund,
  useUpdateOrganisation,
} from "../api/get-organisations.ts";
import { FUND_TYPES, ORGANISATION_KINDS } from "./organisation-words.ts";

const BACK = { to: "/organisations", label: "Back to organisations and funds" };
const KIND_OPTIONS = Object.entries(ORGANISATION_KINDS).map(([value, label]) => ({ value, label }));
const FUND_TYPE_OPTIONS = Object.entries(FUND_TYPES).map(([value, label]) => ({ value, label }));

function OrganisationFields() {
  return (
    <>
      <TextField name="name" label="Name" hint="As it is known, such as “Oldham Council”." />
      <TextField
        name="identifier"
        label="Identifier (optional)"
        width="short"
        hint="Its org-id.guide identifier, such as GB-LAE-OLD for Oldham Council: 360Giving files match recipients by it."
      />
      <CheckboxesField name="kinds" label="Its kinds" hint="Choose every one that applies." options={KIND_OPTIONS} />
    </>
  );
}

export function AddOrganisationPage() {
  const save = useCreateOrganisation();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateOrganisationRequest, { name: "", identifier: "", kinds: [] });
  return (
    <FormPage back={BACK} caption="Organisations and funds" title="Add an organisation">
      <SchemaForm
        form={form}
        what="organisation"
        submitLabel="Add the organisation"
        cancelTo="/organisations"
        onSubmit={async (organisation) => {
          const created = await save.mutateAsync(organisation);
          returnTo("/organisations", `“${created.name}” is added.`);
        }}
      >
        <OrganisationFields />
      </SchemaForm>
    </FormPage>
  );
}

function WithOrganisation({ children }: { children: (organisation: OrganisationResponse) => ReactNode }) {
  const { organisationId } = useParams();
  const organisations = useOrganisations();
  return (
    <QueryPage query={organisations} what="organisation">
      {(list) => {
        const organisation = list.organisations.find((each) => each.id === organisationId);
        return organisation ? children(organisation) : <NotFound what="organisation" />;
      }}
    </QueryPage>
  );
}

const UpdateOrganisation = UpdateOrganisationRequest.extend({
  name: filledIn(UpdateOrganisationRequest.shape.name),
  kinds: filledIn(UpdateOrganisationRequest.shape.kinds),
});

export function EditOrganisationPage() {
  return <WithOrganisation>{(organisation) => <EditOrganisationForm organisation={organisation} />}</WithOrganisation>;
}

function EditOrganisationForm({ organisation }: { organisation: OrganisationResponse }) {
  const save = useUpdateOrganisation();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateOrganisation, {
    version: organisation.version,
    name: organisation.name,
    identifier: organisation.identifier ?? "",
    kinds: organisation.kinds,
    approvalThresholdPence: organisation.approvalThresholdPence,
  });
  return (
    <FormPage back={BACK} caption="Organisations and funds" title={`Change ${organisation.name}`}>
      <SchemaForm
        form={form}
        what="organisation"
        submitLabel="Save the organisation"
        cancelTo="/organisations"
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({ id: organisation.id, change });
          returnTo("/organisations", `“${saved.name}” is saved.`);
        }}
      >
        <OrganisationFields />
        {organisation.kinds.includes("council") && (
          <MoneyField
            name="approvalThresholdPence"
            label="Approval threshold"
            hint="A money change of more than this waits for a second person (another finance officer or an administrator of the council) to approve it. Fundline's default is 10,000.00."
          />
        )}
      </SchemaForm>
    </FormPage>
  );
}

export function RetireOrganisationPage() {
  return (
    <WithOrganisation>{(organisation) => <RetireOrganisationForm organisation={organisation} />}</WithOrganisation>
  );
}

function RetireOrganisationForm({ organisation }: { organisation: OrganisationResponse }) {
  const retire = useRetireOrganisation();
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage back={BACK} caption="Organisations and funds" title={`Retire ${organisation.name}`}>
      <RetireForm
        what="organisation"
        version={organisation.version}
        consequence="It is no longer offered in any list. An organisation that leads a live programme, is a current partner or holds a live fund cannot be retired until those are retired or withdrawn."
        cancelTo="/organisations"
        onRetire={async (retirement) => {
          await retire.mutateAsync({ id: organisation.id, retirement });
          returnTo("/organisations", `“${organisation.name}” is retired.`);
        }}
      />
    </FormPage>
  );
}

function FundFields() {
  return (
    <>
      <TextField name="name" label="Name" hint="For example, “Early Years Outcomes Fund”." />
      <SelectField name="fundType" label="Type" options={FUND_TYPE_OPTIONS} />
      <TextAreaField name="description" label="Description (optional)" rows={3} />
    </>
  );
}

export function AddFundPage() {
  const funders = useFunders();
  const save = useCreateFund();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(CreateFundRequest, { funderId: "", name: "", fundType: "revenue", description: "" });
  return (
    <FormPage back={BACK} caption="Organisations and funds" title="Add a fund">
      <SchemaForm
        form={form}
        what="fund"
        submitLabel="Add the fund"
        cancelTo="/organisations"
        onSubmit={async (fund) => {
          const created = await save.mutateAsync(fund);
          returnTo("/organisations", `“${created.name}” is added.`);
        }}
      >
        <SelectField
          name="funderId"
          label="Funder"
          hint="Only organisations marked as funders are offered."
          options={[
            { value: "", label: "Choose a funder" },
            ...(funders.data?.organisations ?? []).map((funder) => ({ value: funder.id, label: funder.name })),
          ]}
        />
        <FundFields />
      </SchemaForm>
    </FormPage>
  );
}

function WithFund({ children }: { children: (fund: FundResponse) => ReactNode }) {
  const { fundId } = useParams();
  const funds = useFunds();
  return (
    <QueryPage query={funds} what="fund">
      {(list) => {
        const fund = list.funds.find((each) => each.id === fundId);
        return fund ? children(fund) : <NotFound what="fund" />;
      }}
    </QueryPage>
  );
}

const UpdateFund = UpdateFundRequest.extend({ name: filledIn(UpdateFundRequest.shape.name) });

export function EditFundPage() {
  return <WithFund>{(fund) => <EditFundForm fund={fund} />}</WithFund>;
}

function EditFundForm({ fund }: { fund: FundResponse }) {
  const save = useUpdateFund();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateFund, {
    version: fund.version,
    name: fund.name,
    fundType: fund.fundType,
    description: fund.description ?? "",
  });
  return (
    <FormPage back={BACK} caption="Organisations and funds" title={`Change ${fund.name}`}>
      <SchemaForm
        form={form}
        what="fund"
        submitLabel="Save the fund"
        cancelTo="/organisations"
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({ id: fund.id, change });
          returnTo("/organisations", `“${saved.name}” is saved.`);
        }}
      >
        <FundFields />
      </SchemaForm>
    </FormPage>
  );
}

export function RetireFundPage() {
  return <WithFund>{(fund) => <RetireFundForm fund={fund} />}</WithFund>;
}

function RetireFundForm({ fund }: { fund: FundResponse }) {
  const retire = useRetireFund();
  const returnTo = useReturnWithConfirmation();
  return (
    <FormPage back={BACK} caption="Organisations and funds" title={`Retire ${fund.name}`}>
      <RetireForm
        what="fund"
        version={fund.version}
        consequence="It is no longer offered for new commitments. A fund that live commitments draw on cannot be retired until they are."
        cancelTo="/organisations"
        onRetire={async (retirement) => {
          await retire.mutateAsync({ id: fund.id, retirement });
          returnTo("/organisations", `“${fund.name}” is retired.`);
        }}
      />
    </FormPage>
  );
}
