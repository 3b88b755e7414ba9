import { formatDate, formatPlannedDate } from "@fundline/domain";
import type { ProgrammeDetail } from "@fundline/schemas";
import { Link } from "react-router";
import { EmptyState, NoneYet, QuerySection } from "../../../components/page/page-states.tsx";
import { ReadingsChart } from "../../../components/ui/charts.tsx";
import { Section } from "../../../components/ui/section.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { measurementInWords } from "../../../lib/measurements.ts";
import { useSession } from "../../session/index.ts";
import { useApproveReading, useBenefitReadings } from "../api/benefits.ts";

type Benefit = ProgrammeDetail["benefits"][number];

/** What the programme should change, each benefit's readings plotted against baseline and target. */
export function BenefitsSection({ programme, canEdit }: { programme: ProgrammeDetail; canEdit: boolean }) {
  const base = `/programmes/${programme.id}/benefits`;
  return (
    <Section id="benefits" title="Benefits" action={canEdit ? { to: `${base}/new`, label: "Add a benefit" } : null}>
      {programme.benefits.length === 0 ? (
        <NoneYet what="benefits" addTo={canEdit ? `${base}/new` : null} />
      ) : (
        programme.benefits.map((benefit) => (
          <BenefitEntry
            key={benefit.id}
            benefit={benefit}
            programme={programme}
            readingLink={canEdit ? `${base}/${benefit.id}/readings/new` : null}
          />
        ))
      )}
    </Section>
  );
}

function BenefitEntry({
  benefit,
  programme,
  readingLink,
}: {
  benefit: Benefit;
  programme: ProgrammeDetail;
  readingLink: string | null;
}) {
  const readings = useBenefitReadings(benefit.id);
  const session = useSession();
  const approve = useApproveReading(programme.id, benefit.id);
  // The programme's owner (or an administrator) approves readings others submit.
  const mayApprove =
    programme.readingsApprover !== null &&
    (programme.readingsApprover.id === session.user.id || session.user.role === "administrator");
  const headingId = `benefit-${benefit.id}`;
  return (
    <article className="benefit" aria-labelledby={headingId}>
      <h3 id={headingId}>{benefit.name}</h3>
      <p>{benefit.measure}</p>
      <dl className="facts">
        <div>
          <dt>Baseline</dt>
          <dd>{withUnit(benefit.baselineValue, benefit.unit)}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{benefit.targetText ?? withUnit(benefit.targetValue, benefit.unit)}</dd>
        </div>
        <div>
          <dt>Latest</dt>
          <dd data-testid="benefit-latest">
            {benefit.latestReading
              ? `${withUnit(benefit.latestReading.value, benefit.unit)} (${formatDate(benefit.latestReading.readOn)})`
              : "No readings yet"}
            {programme.readingsApprover && benefit.latestReading && " (approved)"}
          </dd>
        </div>
        {benefit.readingsAwaitingApproval > 0 && (
          <div>
            <dt>Awaiting approval</dt>
            <dd>
              {benefit.readingsAwaitingApproval === 1 ? "One reading" : `${benefit.readingsAwaitingApproval} readings`}{" "}
              for {programme.readingsApprover?.displayName ?? "the programme's owner"} to approve
            </dd>
          </div>
        )}
        {benefit.expectedBy && (
          <div>
            <dt>Expected by</dt>
            <dd>
              {formatPlannedDate(benefit.expectedBy, benefit.expectedByPrecision ?? "day", benefit.expectedByLabel)}
            </dd>
          </div>
        )}
      </dl>
      {readingLink && (
        <p className="actions no-print">
          <Link to={readingLink}>
            Add a reading<span className="visually-hidden">: {benefit.name}</span>
          </Link>
        </p>
      )}
      <QuerySection query={readings} what={`the readings of ${benefit.name}`}>
        {(list) =>
          list.readings.length === 0 ? (
            <EmptyState>No readings yet.</EmptyState>
          ) : (
            <>
              <ReadingsChart
                label={`Line chart: readings of ${benefit.name} against its baseline and target. The same figures are in the table below.`}
                readings={list.readings.map((reading) => ({ readOn: reading.readOn, value: Number(reading.value) }))}
                baseline={benefit.baselineValue === null ? null : Number(benefit.baselineValue)}
                target={benefit.targetValue === null ? null : Number(benefit.targetValue)}
                unit={benefit.unit}
              />
              <TableRegion label={`Readings of ${benefit.name}`}>
                <table>
                  <caption>Readings of {benefit.name}, oldest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col" className="money">
                        Reading ({benefit.unit})
                      </th>
                      <th scope="col">Note</th>
                      {programme.readingsApprover && <th scope="col">Approval</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {list.readings.map((reading) => (
                      <tr key={reading.id}>
                        <th scope="row">{formatDate(reading.readOn)}</th>
                        <td className="money">{reading.value}</td>
                        <td>{reading.note ?? ""}</td>
                        {programme.readingsApprover && (
                          <td>
                            {reading.status === "approved" ? (
                              reading.approvedBy ? (
                                `Approved by ${reading.approvedBy}`
                              ) : (
                                "Approved"
                              )
                            ) : mayApprove ? (
                              <button
                                type="button"
                                className="secondary"
                                disabled={approve.isPending}
                                onClick={() => approve.mutate(reading)}
                              >
                                Approve
                                <span className="visually-hidden"> the reading of {formatDate(reading.readOn)}</span>
                              </button>
                            ) : (
                              `Submitted by ${reading.enteredBy ?? "someone"}, awaiting approval`
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </>
          )
        }
      </QuerySection>
    </article>
  );
}

function withUnit(value: string | null, unit: string): string {
  return value === null ? "Not set" : measurementInWords(value, unit);
}
