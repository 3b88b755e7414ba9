import type { ProgrammeDetail } from "@fundline/schemas";
import { Link } from "react-router";
import { NoneYet } from "../../../components/page/page-states.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { StatusTag } from "../../../components/ui/status-tag.tsx";
import { RISK_STATUS, riskRating } from "./risk-words.ts";

/** The programme's risk register: most serious first, closed ones last. */
export function RisksSection({ programme, canEdit }: { programme: ProgrammeDetail; canEdit: boolean }) {
  const base = `/programmes/${programme.id}/risks`;
  const risks = [...programme.risks].sort(
    (a, b) =>
      Number(a.status === "closed") - Number(b.status === "closed") || riskRating(b).score - riskRating(a).score,
  );
  return (
    <Section id="risks" title="Risks" action={canEdit ? { to: `${base}/new`, label: "Add a risk" } : null}>
      {risks.length === 0 ? (
        <NoneYet what="risks" addTo={canEdit ? `${base}/new` : null} />
      ) : (
        <ul className="cards">
          {risks.map((risk) => {
            const rating = riskRating(risk);
            const status = RISK_STATUS[risk.status];
            return (
              <li key={risk.id} className="card">
                <h3>{risk.title}</h3>
                <p className="timeline-tags">
                  <StatusTag tone={rating.tone}>{`${rating.label} (${rating.score})`}</StatusTag>
                  <StatusTag tone={status.tone}>{status.label}</StatusTag>
                </p>
                <dl className="facts">
                  <div>
                    <dt>Likelihood</dt>
                    <dd>{risk.likelihood} of 5</dd>
                  </div>
                  <div>
                    <dt>Impact</dt>
                    <dd>{risk.impact} of 5</dd>
                  </div>
                  <div>
                    <dt>Owner</dt>
                    <dd>{risk.ownerName ?? "Not named"}</dd>
                  </div>
                </dl>
                {risk.description && <p>{risk.description}</p>}
                <dl className="stacked">
                  <dt>Implication</dt>
                  <dd>{risk.implication ?? "Not recorded"}</dd>
                  <dt>Mitigation</dt>
                  <dd>{risk.mitigation ?? "Not recorded"}</dd>
                </dl>
                {canEdit && (
                  <p className="actions no-print">
                    <Link to={`${base}/${risk.id}/edit`}>
                      Update<span className="visually-hidden"> the risk: {risk.title}</span>
                    </Link>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
