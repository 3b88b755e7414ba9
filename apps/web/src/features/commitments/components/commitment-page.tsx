import { can, formatDate, formatPence } from "@fundline/domain";
import type { CommitmentDetail } from "@fundline/schemas";
import { Link } from "react-router";
import { Confirmation } from "../../../components/page/confirmation.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { NoneYet } from "../../../components/page/page-states.tsx";
import { ColumnHeaders } from "../../../components/ui/column-headers.tsx";
import { FiguresTable } from "../../../components/ui/figures-table.tsx";
import { Money } from "../../../components/ui/money.tsx";
import { RowActions } from "../../../components/ui/row-actions.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { PendingChanges } from "../../change-requests/index.ts";
import { useProgrammeReconciliation } from "../../reconciliation/index.ts";
import { useChangesMoneyOf, useSession } from "../../session/index.ts";
import { WithCommitment } from "./commitment-forms.tsx";
import { COMMITMENT_STATUS } from "./commitment-words.ts";

/**
 * One funding commitment as a finance officer checks it: what was awarded, what has arrived,
 * where it is allocated and what is left, its profile, and the ways to correct each.
 */
export function CommitmentPage() {
  return <WithCommitment>{(commitment) => <Commitment commitment={commitment} />}</WithCommitment>;
}

function Commitment({ commitment }: { commitment: CommitmentDetail }) {
  const session = useSession();
  const changes = useChangesMoneyOf();
  const mayWriteMoney = can(session.user.role, "money.write") && !commitment.retiredAt;
  // A partner council reads another council's commitment but records nothing against it.
  const canWrite = mayWriteMoney && changes(commitment.owner?.id ?? null);
  const ownerName = commitment.owner?.name ?? "no council";
  const base = `/commitments/${commitment.id}`;
  // Allocations belong to the programme's lines: their forms are the programme's.
  const allocations = commitment.programme ? `/programmes/${commitment.programme.id}/allocations` : null;
  return (
    <article>
      <Confirmation />
      {commitment.programme && (
        <Link to={`/programmes/${commitment.programme.id}#money`} className="back-link">
          Back to {commitment.programme.name}
        </Link>
      )}
      <p className="caption">Funding commitment</p>
      <PageHeading>{commitment.title}</PageHeading>
      <p className="timeline-tags">
        <StatusTag tone="blue">{COMMITMENT_STATUS[commitment.status]}</StatusTag>
        {commitment.retiredAt && <StatusTag tone="grey">Retired</StatusTag>}
      </p>
      <dl className="facts">
        <div>
          <dt>Fund</dt>
          <dd>
            {commitment.fund.name} — {commitment.funder.name}
          </dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>
            {commitment.programme ? (
              <Link to={`/programmes/${commitment.programme.id}`}>{commitment.programme.name}</Link>
            ) : (
              "Not tied to a programme yet"
            )}
          </dd>
        </div>
        <div>
          <dt>Paid to</dt>
          <dd>{commitment.recipient?.name ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>In the books of</dt>
          <dd>{commitment.owner?.name ?? "No council recorded (an administrator's to change)"}</dd>
        </div>
        <div>
          <dt>Awarded</dt>
          <dd>{commitment.awardedOn ? formatDate(commitment.awardedOn) : "Date not recorded"}</dd>
        </div>
      </dl>
      <PendingChanges filters={{ commitmentId: commitment.id }} what="this commitment, its allocations and receipts" />
      {commitment.conditions && <p>Conditions: {commitment.conditions}</p>}
      {commitment.retiredAt && (
        <p>
          Retired {formatDate(commitment.retiredAt.slice(0, 10))}: {commitment.retirementReason}
        </p>
      )}
      {mayWriteMoney && !canWrite && (
        <p className="no-print">
          This commitment is in {ownerName}'s books: only {ownerName} records receipts and allocations against it or
          corrects it. Your council can read it.
        </p>
      )}
      {canWrite && (
        <p className="button-group no-print">
          <Link to={`${base}/edit`} className="button-link secondary">
            Correct the commitment
          </Link>
          {!commitment.programme && (
            <Link to={`${base}/assign`} className="button-link">
              Tie it to a programme
            </Link>
          )}
          <Link to={`${base}/retire`} className="button-link secondary">
            Retire it
          </Link>
        </p>
      )}
      {(commitment.status === "awarded" || commitment.status === "received") && (
        <p className="no-print">
          <Link to={`${base}/claim-pack`}>The funder's claim pack: money, payments and delivery for a period</Link>
        </p>
      )}
      <CommitmentFigures commitment={commitment} />
      <Section id="profile" title="Financial-year profile">
        {commitment.profile.length === 0 ? (
          <p>No profile recorded: the funder gave none, or it has not been entered.</p>
        ) : (
          <TableRegion label="Profile">
            <table>
              <caption>When the money is expected to be spent, by financial year</caption>
              <ColumnHeaders columns={["Financial year", { figures: "Amount" }]} />
              <tbody>
                {commitment.profile.map((year) => (
                  <tr key={year.financialYear}>
                    <th scope="row">{year.financialYear}</th>
                    <td className="money">
                      <Money pence={year.amountPence} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Section>
      <Section
        id="receipts"
        title="Receipts"
        action={canWrite ? { to: `${base}/receipts/new`, label: "Record a receipt" } : null}
      >
        {commitment.receipts.length === 0 ? (
          <NoneYet
            what="receipts: nothing has arrived from the funder"
            addTo={canWrite ? `${base}/receipts/new` : null}
          />
        ) : (
          <TableRegion label="Receipts">
            <table>
              <caption>What has arrived from the funder</caption>
              <ColumnHeaders
                columns={[
                  "Received",
                  "Reference",
                  "In the books of",
                  { figures: "Amount" },
                  ...(canWrite ? ["Change"] : []),
                ]}
              />
              <tbody>
                {commitment.receipts.map((receipt) => (
                  <tr key={receipt.id}>
                    <th scope="row">{formatDate(receipt.receivedOn)}</th>
                    <td>{receipt.reference ?? "—"}</td>
                    <td>{receipt.owner?.name ?? "—"}</td>
                    <td className="money">
                      <Money pence={receipt.amountPence} />
                    </td>
                    {canWrite && (
                      <td className="actions">
                        <RowActions
                          ownedBy={
                            changes(receipt.owner?.id ?? null) ? null : (receipt.owner?.name ?? "An administrator")
                          }
                          about={`the receipt of ${formatDate(receipt.receivedOn)}`}
                          links={[
                            [`${base}/receipts/${receipt.id}/edit`, "Correct"],
                            [`${base}/receipts/${receipt.id}/retire`, "Retire"],
                          ]}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Section>
      <Section
        id="allocations"
        title="Allocations to cost lines"
        action={
          canWrite && allocations
            ? { to: `${allocations}/new?commitmentId=${commitment.id}`, label: "Allocate to a cost line" }
            : null
        }
      >
        {commitment.allocations.length === 0 ? (
          <NoneYet
            what="allocations"
            addTo={canWrite && allocations ? `${allocations}/new?commitmentId=${commitment.id}` : null}
          />
        ) : (
          <TableRegion label="Allocations">
            <table>
              <caption>Which cost lines this commitment pays for, and how much of each</caption>
              <ColumnHeaders
                columns={[
                  "Cost line",
                  "Note",
                  "In the books of",
                  { figures: "Amount" },
                  ...(canWrite ? ["Change"] : []),
                ]}
              />
              <tbody>
                {commitment.allocations.map((allocation) => (
                  <tr key={allocation.id}>
                    <th scope="row">{allocation.costLine.name}</th>
                    <td>{allocation.note ?? "—"}</td>
                    <td>{allocation.owner?.name ?? "—"}</td>
                    <td className="money">
                      <Money pence={allocation.amountPence} />
                    </td>
                    {canWrite && allocations && (
                      <td className="actions">
                        <RowActions
                          ownedBy={
                            changes(allocation.owner?.id ?? null)
                              ? null
                              : (allocation.owner?.name ?? "An administrator")
                          }
                          about={`the allocation to ${allocation.costLine.name}`}
                          links={[
                            [`${allocations}/${allocation.id}/edit`, "Change"],
                            [`${allocations}/${allocation.id}/retire`, "Retire"],
                          ]}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Section>
    </article>
  );
}

/** Awarded, arrived, allocated and spent, with what is still to come and still to allocate. */
function CommitmentFigures({ commitment }: { commitment: CommitmentDetail }) {
  const reconciliation = useProgrammeReconciliation(commitment.programmeId ?? "");
  const spent = commitment.programmeId
    ? reconciliation.data?.commitments.find((each) => each.id === commitment.id)?.spentPence
    : 0;
  return (
    <FiguresTable
      caption="The commitment's figures"
      figures={[
        ["Amount awarded", formatPence(commitment.amountPence)],
        ["Received from the funder", formatPence(commitment.receivedPence)],
        ["Still to arrive", formatPence(Math.max(0, commitment.amountPence - commitment.receivedPence))],
        ["Allocated to cost lines", formatPence(commitment.allocatedPence)],
        ["Left to allocate", formatPence(commitment.amountPence - commitment.allocatedPence)],
        [
          "Spent (named, or its share of its lines' spend)",
          spent === undefined ? (reconciliation.isError ? "could not be loaded" : "loading…") : formatPence(spent),
        ],
      ]}
    />
  );
}
