import type { FundResponse, OrganisationResponse } from "@fundline/schemas";
import { Confirmation } from "../../../components/page/confirmation.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { QuerySection } from "../../../components/page/page-states.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { RowActions } from "../../../components/ui/row-actions.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useFunds, useOrganisations } from "../api/get-organisations.ts";
import { FUND_TYPES, ORGANISATION_KINDS } from "./organisation-words.ts";

/**
 * The administrator's reference data: the councils, funders, suppliers and evaluators Fundline
 * knows, and each funder's funds. Every funder list in the app offers what is here.
 */
export function OrganisationsPage() {
  const organisations = useOrganisations();
  const funds = useFunds();
  return (
    <>
      <Confirmation />
      <PageHeading>Organisations and funds</PageHeading>
      <Section
        id="organisations"
        title="Organisations"
        action={{ to: "/organisations/new", label: "Add an organisation" }}
      >
        <QuerySection query={organisations} what="the organisations">
          {(list) => <OrganisationsTable organisations={list.organisations} />}
        </QuerySection>
      </Section>
      <Section id="funds" title="Funds" action={{ to: "/funds/new", label: "Add a fund" }}>
        <QuerySection query={funds} what="the funds">
          {(list) => (
            <FundsTable
              funds={list.funds}
              funderNames={new Map(organisations.data?.organisations.map((each) => [each.id, each.name]))}
            />
          )}
        </QuerySection>
      </Section>
    </>
  );
}

function OrganisationsTable({ organisations }: { organisations: OrganisationResponse[] }) {
  return (
    <TableRegion label="Organisations">
      <table>
        <caption>{`${organisations.length} organisations, by name`}</caption>
        <ColumnHeaders columns={["Organisation", "Identifier", "Kinds", "Change"]} />
        <tbody>
          {organisations.map((organisation) => (
            <tr key={organisation.id}>
              <th scope="row">{organisation.name}</th>
              <td>{organisation.identifier ?? "—"}</td>
              <td>{organisation.kinds.map((kind) => ORGANISATION_KINDS[kind]).join(", ")}</td>
              <td className="actions">
                <RowActions
                  about={organisation.name}
                  links={[
                    [`/organisations/${organisation.id}/edit`, "Change"],
                    [`/organisations/${organisation.id}/retire`, "Retire"],
                  ]}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function FundsTable({ funds, funderNames }: { funds: FundResponse[]; funderNames: Map<string, string> }) {
  return (
    <TableRegion label="Funds">
      <table>
        <caption>{`${funds.length} funds, by name`}</caption>
        <ColumnHeaders columns={["Fund", "Funder", "Type", "Change"]} />
        <tbody>
          {funds.map((fund) => (
            <tr key={fund.id}>
              <th scope="row">{fund.name}</th>
              <td>{funderNames.get(fund.funderId) ?? "—"}</td>
              <td>{FUND_TYPES[fund.fundType]}</td>
              <td className="actions">
                <RowActions
                  about={fund.name}
                  links={[
                    [`/funds/${fund.id}/edit`, "Change"],
                    [`/funds/${fund.id}/retire`, "Retire"],
                  ]}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
