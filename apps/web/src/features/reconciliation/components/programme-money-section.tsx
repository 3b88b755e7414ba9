import { can, formatPence } from "@fundline/domain";
import type { ProgrammeDetail, ProgrammeReconciliation } from "@fundline/schemas";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { QuerySection } from "../../../components/page/page-states.tsx";
import { AsAtChooser, AsAtNotice } from "../../../components/ui/as-at.tsx";
import { PairedBarChart } from "../../../components/ui/charts.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { RowActions } from "../../../components/ui/row-actions.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useUrlFilters } from "../../../lib/url-filters.ts";
import { PendingApprovalTotal } from "../../change-requests/index.ts";
import { useChangesMoneyOf, useSession, useShapesProgramme } from "../../session/index.ts";
import { useProgrammeReconciliation } from "../api/programme-reconciliation.ts";
import { FindingsTable } from "./findings-table.tsx";

/**
 * One programme's money, reconciled to the penny: funding against cost, each commitment's
 * receipts, allocations and spend, each line's variance, each year's profile against spend and
 * each partner's share, with the findings that need explaining.
 */
export function ProgrammeMoneySection({ programme }: { programme: ProgrammeDetail }) {
  // `?asAt=2026-03-31`: the money as it stood at the end of that day, for a committee's date.
  const { filters, setFilter } = useUrlFilters(["asAt"] as const);
  const asAt = filters.asAt ?? "";
  const reconciliation = useProgrammeReconciliation(programme.id, asAt);
  const session = useSession();
  const canWrite = can(session.user.role, "money.write");
  const shapes = useShapesProgramme(programme);
  return (
    <Section
      id="money"
      title="Money"
      action={{ to: `/dashboard?programmeId=${programme.id}`, label: "Spend over time" }}
    >
      <form
        className="filters no-print"
        aria-label="The money as at a past day"
        onSubmit={(event) => event.preventDefault()}
      >
        <AsAtChooser id="money-as-at" value={asAt} onChange={(day) => setFilter("asAt", day)} />
      </form>
      <AsAtNotice asAt={reconciliation.data?.asAt} onBackToNow={() => setFilter("asAt", "")} />
      {!asAt && <PendingApprovalTotal programmeId={programme.id} />}
      <QuerySection query={reconciliation} what="the programme's money">
        {(reconciled) => (
          <Reconciliation
            reconciliation={reconciled}
            programmeId={programme.id}
            writeTo={canWrite && !asAt ? `/programmes/${programme.id}` : null}
            shapes={shapes && !asAt}
          />
        )}
      </QuerySection>
    </Section>
  );
}

/** Buttons to the forms that add to a table, for those who may write money. */
function AddLinks({ links }: { links: [string, string][] | null }) {
  if (!links) return null;
  return (
    <p className="button-group no-print">
      {links.map(([to, label]) => (
        <Link key={to} to={to} className="button-link secondary">
          {label}
        </Link>
      ))}
    </p>
  );
}

function Reconciliation({
  reconciliation,
  programmeId,
  writeTo,
  shapes,
}: {
  reconciliation: ProgrammeReconciliation;
  programmeId: string;
  /** The programme's address, when the reader may write money; otherwise null. */
  writeTo: string | null;
  /** The reader may add cost lines and agreements (the lead's right, unless it grants it). */
  shapes: boolean;
}) {
  const changes = useChangesMoneyOf();
  return (
    <>
      <FiguresTable
        caption="Funding against cost"
        figures={[
          [
            "Total cost",
            reconciliation.totalCostPence === null ? "not recorded" : formatPence(reconciliation.totalCostPence),
          ],
          ["Awarded funding", formatPence(reconciliation.committedPence)],
          [
            reconciliation.gapPence !== null && reconciliation.gapPence < 0 ? "Surplus" : "Shortfall",
            reconciliation.gapPence === null
              ? "no total cost to compare"
              : formatPence(Math.abs(reconciliation.gapPence)),
          ],
          // Claims made to funders whose money has not arrived (the claim packs record them).
          ...(reconciliation.claimedNotReceivedPence > 0
            ? ([["Claimed from funders, not yet received", formatPence(reconciliation.claimedNotReceivedPence)]] as [
                string,
                string,
              ][])
            : []),
        ]}
      />
      <h3>Findings</h3>
      {reconciliation.flags.length === 0 ? (
        <p>Nothing to explain: every figure adds up.</p>
      ) : (
        <FindingsTable
          caption={`${reconciliation.flags.length} ${reconciliation.flags.length === 1 ? "finding" : "findings"}, most serious first`}
          flags={reconciliation.flags}
          programmeId={programmeId}
        />
      )}

      <h3>Funding commitments</h3>
      <MoneyTable
        caption="Each commitment's amount, what has been received and allocated, and the spend it pays for"
        nameHeading="Commitment"
        columns={["Amount", "Received", "Allocated", "Spent"]}
        rows={reconciliation.commitments.map((commitment) => ({
          key: commitment.id,
          name: commitment.title,
          to: `/commitments/${commitment.id}`,
          note: commitment.overAllocated ? "over-allocated" : commitment.status,
          pence: [commitment.amountPence, commitment.receivedPence, commitment.allocatedPence, commitment.spentPence],
        }))}
        noteHeading="Status"
      />
      <AddLinks links={writeTo === null ? null : [[`${writeTo}/commitments/new`, "Record a funding commitment"]]} />

      <h3>Cost lines</h3>
      <MoneyTable
        caption="Each cost line's ledger code (what a spend import matches), allocation, spend and variance (negative: overspent)"
        nameHeading="Cost line"
        noteHeading="Ledger code"
        columns={["Allocated", "Spent", "Variance"]}
        rows={reconciliation.costLines.map((line) => ({
          key: line.id,
          id: `line-${line.id}`,
          name: line.name,
          note: line.ledgerCode ?? "none",
          pence: [line.allocatedPence, line.spentPence, line.variancePence],
          ownedBy: changes(line.owner.id) ? null : line.owner.name,
          actions:
            writeTo === null
              ? null
              : [
                  [`${writeTo}/allocations/new?costLineId=${line.id}`, "Allocate"],
                  [`${writeTo}/cost-lines/${line.id}/edit`, "Change"],
                  [`${writeTo}/cost-lines/${line.id}/retire`, "Retire"],
                ],
        }))}
      />
      <AddLinks
        links={
          writeTo === null
            ? null
            : [
                ...(shapes ? ([[`${writeTo}/cost-lines/new`, "Add a cost line"]] as [string, string][]) : []),
                [`${writeTo}/allocations/new`, "Allocate funding"],
              ]
        }
      />

      <h3>By financial year</h3>
      {reconciliation.financialYears.length > 0 && (
        <PairedBarChart
          label="Bar chart: funding profiled against spend in each financial year. The same figures are in the table below."
          rows={reconciliation.financialYears}
          category="financialYear"
          bars={[
            { pence: "profiledPence", name: "Profiled", colour: "var(--colour-committed)" },
            { pence: "spentPence", name: "Spent", colour: "var(--colour-spent)" },
          ]}
        />
      )}
      <MoneyTable
        caption="Funding profiled and spent in each financial year (1 April to 31 March)"
        nameHeading="Financial year"
        columns={["Profiled", "Spent"]}
        rows={reconciliation.financialYears.map((year) => ({
          key: year.financialYear,
          name: year.financialYear,
          pence: [year.profiledPence, year.spentPence],
        }))}
      />

      {(reconciliation.costSharing.length > 0 || (writeTo && shapes)) && <h3>Cost sharing</h3>}
      {reconciliation.costSharing.map((agreement) => (
        <MoneyTable
          key={agreement.agreementId}
          id={`agreement-${agreement.agreementId}`}
          caption={
            <>
              {agreement.name}: each partner's share of <Money pence={agreement.spentPence} /> spent
              {writeTo && (
                <span className="no-print">
                  {" "}
                  <RowActions
                    about={agreement.name}
                    ownedBy={changes(agreement.owner.id) ? null : agreement.owner.name}
                    links={[
                      [`${writeTo}/cost-sharing/${agreement.agreementId}/edit`, "Change"],
                      [`${writeTo}/cost-sharing/${agreement.agreementId}/retire`, "Retire"],
                    ]}
                  />
                </span>
              )}
            </>
          }
          nameHeading="Partner"
          columns={["Due", "Paid", "Difference"]}
          rows={agreement.partners.map((partner) => ({
            key: partner.organisation.id,
            name: partner.organisation.name,
            note: `${partner.parts} ${partner.parts === 1 ? "part" : "parts"} (${partner.percentage}%)`,
            pence: [partner.duePence, partner.paidPence, partner.differencePence],
          }))}
          noteHeading="Share"
        />
      ))}
      <AddLinks
        links={writeTo === null || !shapes ? null : [[`${writeTo}/cost-sharing/new`, "Share a cost between partners"]]}
      />
    </>
  );
}

/** Rows named by their first cell, then figures in pence; an optional text column after the name. */
function MoneyTable({
  caption,
  nameHeading,
  columns,
  rows,
  noteHeading,
  id,
}: {
  caption: ReactNode;
  nameHeading: string;
  columns: string[];
  rows: {
    key: string;
    /** The row's anchor, for links from a finding. */
    id?: string;
    name: string;
    /** Where the name leads (the record's own page). */
    to?: string;
    note?: string;
    pence: number[];
    /** Links to the forms that change the row: [address, label]. */
    actions?: [string, string][] | null;
    /** The council whose record the row is, when not the reader's: the links are not shown. */
    ownedBy?: string | null;
  }[];
  noteHeading?: string;
  id?: string;
}) {
  if (rows.length === 0) return <p>None recorded.</p>;
  const withActions = rows.some((row) => row.actions);
  return (
    <TableRegion label={nameHeading}>
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeading}</th>
            {noteHeading && <th scope="col">{noteHeading}</th>}
            {columns.map((column) => (
              <th key={column} scope="col" className="money">
                {column}
              </th>
            ))}
            {withActions && (
              <th scope="col" className="no-print">
                Change
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} id={row.id}>
              <th scope="row">{row.to ? <Link to={row.to}>{row.name}</Link> : row.name}</th>
              {noteHeading && <td>{row.note}</td>}
              {row.pence.map((pence, index) => (
                <td key={columns[index]} className="money">
                  <Money pence={pence} />
                </td>
              ))}
              {withActions && (
                <td className="actions no-print">
                  {row.actions && <RowActions about={row.name} links={row.actions} ownedBy={row.ownedBy} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
