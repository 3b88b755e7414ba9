import { can, formatDate, formatDateTime, formatPence, seesEveryProgramme, todayInTheUk } from "@fundline/domain";
import type { ProgrammeDetail } from "@fundline/schemas";
import { useState } from "react";
import { Link } from "react-router";
import { Confirmation } from "../../../components/page/confirmation.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { EmptyState, NoneYet } from "../../../components/page/page-states.tsx";
import { usePrintTime } from "../../../components/page/print-time.ts";
import { useScrollToHash } from "../../../components/page/scroll-to-hash.ts";
import { RowActions } from "../../../components/ui/row-actions.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { BenefitsSection } from "../../benefits/index.ts";
import { DecisionsSection } from "../../decisions/index.ts";
import { DeliverablesSection } from "../../deliverables/index.ts";
import { MilestonesSection } from "../../milestones/index.ts";
import { PartnerRightsToggle } from "../../partners/index.ts";
import { GOVERNANCE_STAGES, PARTNER_ROLES, PROGRAMME_STATUS, WithProgramme } from "../../programme-frame/index.ts";
import { ProgrammeMoneySection } from "../../reconciliation/index.ts";
import { RisksSection } from "../../risks/index.ts";
import { useSession } from "../../session/index.ts";
import { ProgrammePaymentsSection } from "../../spend/index.ts";
import { ProgrammeHistorySection } from "./programme-history.tsx";

const CONTENTS = [
  ["partners", "Partners"],
  ["workstreams", "Workstreams"],
  ["milestones", "Milestones"],
  ["deliverables", "Deliverables"],
  ["benefits", "Benefits"],
  ["risks", "Risks"],
  ["decisions", "Decisions"],
  ["money", "Money"],
  ["payments", "Payments"],
  ["history", "History"],
] as const;

/**
 * A programme as its board knows it: summary, partners, workstreams, milestones, deliverables,
 * benefits, risks, decisions, money and history, on one page that prints as a committee report.
 */
export function ProgrammePage() {
  return <WithProgramme>{(programme) => <Programme programme={programme} />}</WithProgramme>;
}

function Programme({ programme }: { programme: ProgrammeDetail }) {
  const session = useSession();
  const canEdit = can(session.user.role, "delivery.write");
  const canSetUp = can(session.user.role, "programme.write");
  const canWriteMoney = can(session.user.role, "money.write");
  const today = todayInTheUk();
  const printedAt = usePrintTime();
  useScrollToHash();
  const status = PROGRAMME_STATUS[programme.status];
  return (
    <article className="programme report">
      <Confirmation />
      <p className="caption">Programme</p>
      <PageHeading>{programme.name}</PageHeading>
      <p className="as-at print-only">As at {formatDateTime(printedAt)}</p>
      <p className="timeline-tags">
        <StatusTag tone={status.tone}>{status.label}</StatusTag>
        {programme.retiredAt && <StatusTag tone="grey">Retired</StatusTag>}
      </p>
      <dl className="facts">
        <div>
          <dt>Lead</dt>
          <dd>{programme.leadOrganisation.name}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd>
            {programme.startOn ? formatDate(programme.startOn) : "Start not set"} to{" "}
            {programme.endOn ? formatDate(programme.endOn) : "end not set"}
          </dd>
        </div>
        {programme.governanceStage && (
          <div>
            <dt>Stage</dt>
            <dd>{GOVERNANCE_STAGES[programme.governanceStage]}</dd>
          </div>
        )}
        <div>
          <dt>Total cost</dt>
          <dd>{programme.totalCostPence === null ? "Not recorded" : formatPence(programme.totalCostPence)}</dd>
        </div>
      </dl>
      {programme.summary && <p className="programme-summary">{programme.summary}</p>}
      <p className="button-group no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print as a committee report
        </button>
        {canSetUp && (
          <>
            <Link to={`/programmes/${programme.id}/edit`} className="button-link secondary">
              Change the programme's details
            </Link>
            <Link to={`/programmes/${programme.id}/retire`} className="button-link secondary">
              Retire the programme
            </Link>
          </>
        )}
      </p>
      <nav aria-label="On this page" className="contents no-print">
        <h2 className="visually-hidden">On this page</h2>
        <ul>
          {CONTENTS.map(([anchor, title]) => (
            <li key={anchor}>
              <a href={`#${anchor}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>
      <PartnersSection programme={programme} canSetUp={canSetUp} />
      <WorkstreamsSection programme={programme} canSetUp={canSetUp} />
      <MilestonesSection programme={programme} canEdit={canEdit} today={today} />
      <DeliverablesSection programme={programme} canEdit={canEdit} />
      <BenefitsSection programme={programme} canEdit={canEdit} />
      <RisksSection programme={programme} canEdit={canEdit} />
      <DecisionsSection programme={programme} canWrite={canWriteMoney} />
      <ProgrammeMoneySection programme={programme} />
      <ProgrammePaymentsSection programme={programme} />
      <ProgrammeHistorySection programme={programme} />
    </article>
  );
}

function PartnersSection({ programme, canSetUp }: { programme: ProgrammeDetail; canSetUp: boolean }) {
  const add = `/programmes/${programme.id}/partners/new`;
  const session = useSession();
  // What a partner may add to the programme is its lead council's to decide (or an administrator's).
  const decidesRights =
    can(session.user.role, "money.write") &&
    (seesEveryProgramme(session.user.role) || session.user.organisation.id === programme.leadOrganisation.id);
  const [rightsStatus, setRightsStatus] = useState("");
  return (
    <Section id="partners" title="Partners" action={canSetUp ? { to: add, label: "Add a partner" } : null}>
      {programme.partners.length === 0 ? (
        canSetUp ? (
          <NoneYet what="partners" addTo={add} />
        ) : (
          <EmptyState>No partners recorded. An administrator adds the councils and others taking part.</EmptyState>
        )
      ) : (
        <TableRegion label="Partners">
          <table>
            <caption>
              Who takes part, in what role, and since when; and who may add cost lines (the lead's right, unless it
              grants it)
            </caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">Status</th>
                <th scope="col">Adds cost lines</th>
                {canSetUp && (
                  <th scope="col" className="no-print">
                    Change
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {programme.partners.map((partner) => (
                <tr key={partner.id}>
                  <th scope="row">
                    {partner.organisation.name}
                    {partner.note && <span className="hint"> — {partner.note}</span>}
                  </th>
                  <td>{PARTNER_ROLES[partner.role]}</td>
                  <td>{partner.joinedOn ? formatDate(partner.joinedOn) : "—"}</td>
                  <td>
                    {partner.withdrewOn ? (
                      <StatusTag tone="grey">{`Withdrew ${formatDate(partner.withdrewOn)}`}</StatusTag>
                    ) : (
                      "Taking part"
                    )}
                  </td>
                  <td>
                    {partner.role === "lead" ? "Yes (leads)" : partner.mayAddCostLines ? "Yes (granted)" : "No"}
                    {decidesRights && partner.role !== "lead" && !partner.withdrewOn && (
                      <span className="no-print">
                        {" "}
                        <PartnerRightsToggle partner={partner} onDone={setRightsStatus} />
                      </span>
                    )}
                  </td>
                  {canSetUp && (
                    <td className="no-print">
                      <Link to={`/programmes/${programme.id}/partners/${partner.id}/edit`}>
                        {partner.withdrewOn ? "Change" : "Change or withdraw"}
                        <span className="visually-hidden"> {partner.organisation.name}</span>
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p role="status">{rightsStatus}</p>
    </Section>
  );
}

function WorkstreamsSection({ programme, canSetUp }: { programme: ProgrammeDetail; canSetUp: boolean }) {
  const base = `/programmes/${programme.id}/workstreams`;
  return (
    <Section
      id="workstreams"
      title="Workstreams"
      action={canSetUp ? { to: `${base}/new`, label: "Add a workstream" } : null}
    >
      {programme.workstreams.length === 0 ? (
        <EmptyState>No workstreams: the programme is run as one.</EmptyState>
      ) : (
        <ul className="workstreams">
          {programme.workstreams.map((workstream) => (
            <li key={workstream.id}>
              <strong>{workstream.name}</strong>
              {workstream.description && <>: {workstream.description}</>}
              {canSetUp && (
                <span className="no-print">
                  {" "}
                  <RowActions
                    about={workstream.name}
                    links={[
                      [`${base}/${workstream.id}/edit`, "Change"],
                      [`${base}/${workstream.id}/retire`, "Retire"],
                    ]}
                  />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
