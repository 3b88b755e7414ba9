import { financialYearBounds, financialYearOf, todayInTheUk } from "@fundline/domain";
import { ThreeSixtyGivingExportQuery, TransparencyExportQuery } from "@fundline/schemas";
import { useState } from "react";
import { DateField, SelectField } from "../../../components/forms/fields.tsx";
import { SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { MoneyTabs } from "../../../components/page/money-tabs.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { useFunders } from "../../organisations/index.ts";
import { useProgrammeChoices } from "../../programme-frame/index.ts";
import { downloadFile } from "../api/exports.ts";

/** Narrowing to one programme, or none: every programme in the council's scope. */
function ProgrammeChoice() {
  const programmes = useProgrammeChoices();
  return (
    <SelectField
      name="programmeId"
      label="Programme (optional)"
      options={[
        { value: "", label: "Every programme you can see" },
        ...(programmes.data?.programmes ?? []).map((programme) => ({ value: programme.id, label: programme.name })),
      ]}
    />
  );
}

const search = (values: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));

/**
 * The files a council publishes: its spend over £500 under the Local Government Transparency
 * Code, and its grants in the 360Giving standard, each with its filters.
 */
export function ExportsPage() {
  return (
    <>
      <PageHeading>Money records</PageHeading>
      <MoneyTabs />
      <TransparencyExport />
      <ThreeSixtyGivingExport />
    </>
  );
}

function TransparencyExport() {
  const today = todayInTheUk();
  const [done, setDone] = useState("");
  const form = useSchemaForm(TransparencyExportQuery, {
    from: financialYearBounds(financialYearOf(today)).firstDay,
    to: today,
    programmeId: "",
  });
  return (
    <Section id="transparency" title="Spend over £500 (Transparency Code)">
      <p>
        Every payment of £500 or more in the dates chosen, with the fields the Local Government Transparency Code 2015
        asks for, as a CSV file to publish. Payments to individuals are published without their names.
      </p>
      <SchemaForm
        form={form}
        what="export"
        idPrefix="transparency"
        submitLabel="Download the CSV file"
        onSubmit={async (query) => {
          setDone("");
          await downloadFile(`/api/exports/transparency?${search(query)}`, "spend-over-500.csv");
          setDone("The file is downloaded.");
        }}
      >
        <DateField name="from" label="From" />
        <DateField name="to" label="To" />
        <ProgrammeChoice />
      </SchemaForm>
      <p role="status">{done}</p>
    </Section>
  );
}

function ThreeSixtyGivingExport() {
  const funders = useFunders();
  const [done, setDone] = useState("");
  const form = useSchemaForm(ThreeSixtyGivingExportQuery, { programmeId: "", funderId: "" });
  return (
    <Section id="three-sixty-giving" title="Grants (360Giving)">
      <p>
        Funding commitments as a 360Giving data package (JSON), the standard UK funders publish grants in, to pass on or
        publish.
      </p>
      <SchemaForm
        form={form}
        what="export"
        idPrefix="three-sixty-giving"
        submitLabel="Download the 360Giving file"
        onSubmit={async (query) => {
          setDone("");
          await downloadFile(`/api/exports/360giving?${search(query)}`, "fundline-360giving.json");
          setDone("The file is downloaded.");
        }}
      >
        <ProgrammeChoice />
        <SelectField
          name="funderId"
          label="Funder (optional)"
          options={[
            { value: "", label: "Every funder" },
            ...(funders.data?.organisations ?? []).map((funder) => ({ value: funder.id, label: funder.name })),
          ]}
        />
      </SchemaForm>
      <p role="status">{done}</p>
    </Section>
  );
}
