import { formatDate } from "@fundline/domain";
import escapeHtml from "escape-html";
import type { DigestPerson, WhatIsDue } from "./due-for-person.ts";

export type DigestEmail = { subject: string; text: string; html: string; unsubscribeUrl: string };

type Section = { heading: string; total: number; lines: { text: string; href: string }[]; more: string };

/**
 * The week's email, as plain text and as simple HTML with the same words and links: each item
 * links to its record, and the last line to stop these emails.
 */
export function digestEmail(options: {
  person: DigestPerson;
  due: WhatIsDue;
  today: string;
  siteUrl: string;
  unsubscribeToken: string;
}): DigestEmail {
  const { due, today, siteUrl } = options;
  const link = (path: string) => `${siteUrl}${path}`;
  const sections: Section[] = [
    {
      heading: "Milestones overdue or due in the next 30 days",
      total: due.milestones.total,
      lines: due.milestones.rows.map((milestone) => ({
        text: `${milestone.description} (${milestone.programme}): ${milestone.dueOn < today ? "was due" : "due"} ${formatDate(milestone.dueOn)}`,
        href: link(`/programmes/${milestone.programmeId}#milestones`),
      })),
      more: link("/"),
    },
    {
      heading: "Readings due",
      total: due.readings.total,
      lines: due.readings.rows.map((reading) => ({
        text: `${reading.name} (${reading.programme}): ${reading.why}`,
        href: link(`/programmes/${reading.programmeId}#benefits`),
      })),
      more: link("/"),
    },
    {
      heading: "Risks due for review",
      total: due.risks.total,
      lines: due.risks.rows.map((risk) => ({
        text: `${risk.title} (${risk.programme}): last changed ${formatDate(risk.lastChangedOn)}`,
        href: link(`/programmes/${risk.programmeId}#risks`),
      })),
      more: link("/"),
    },
    {
      heading: "Changes waiting for your approval",
      total: due.approvals.total,
      lines: due.approvals.rows.map((request) => ({
        text: `${request.reason}, asked by ${request.requestedBy} on ${formatDate(request.requestedOn)}`,
        href: link("/money/approvals"),
      })),
      more: link("/money/approvals"),
    },
    {
      heading: "Imports with rows not yet matched to a cost line",
      total: due.imports.total,
      lines: due.imports.rows.map((batch) => ({
        text: `${batch.fileName}, imported ${formatDate(batch.importedOn)}: ${batch.unmatchedRows} ${batch.unmatchedRows === 1 ? "row" : "rows"} unmatched`,
        href: link("/imports"),
      })),
      more: link("/imports"),
    },
  ].filter((section) => section.total > 0);

  const unsubscribeUrl = link(`/unsubscribe#token=${options.unsubscribeToken}`);
  const count = sections.reduce((sum, section) => sum + section.total, 0);
  const subject = `Fundline: ${count} ${count === 1 ? "thing" : "things"} to see to this week`;
  const greeting = `Hello ${options.person.displayName}, this is what is yours to see to in Fundline this week (${formatDate(today)}).`;
  const footer = "You get this email each Monday because it is switched on for your Fundline account.";

  const text = [
    greeting,
    ...sections.map((section) =>
      [
        `${section.heading} (${section.total})`,
        ...section.lines.map((line) => `- ${line.text}\n  ${line.href}`),
        ...(section.total > section.lines.length
          ? [`- and ${section.total - section.lines.length} more: ${section.more}`]
          : []),
      ].join("\n"),
    ),
    `${footer}\nTo stop it: ${unsubscribeUrl}`,
  ].join("\n\n");

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; color: #0b0c0c; line-height: 1.5">
<p>${escapeHtml(greeting)}</p>
${sections
  .map(
    (section) => `<h2 style="font-size: 1.1em">${escapeHtml(section.heading)} (${section.total})</h2>
<ul>
${section.lines.map((line) => `<li><a href="${escapeHtml(line.href)}" style="color: #1d70b8">${escapeHtml(line.text)}</a></li>`).join("\n")}
${section.total > section.lines.length ? `<li><a href="${escapeHtml(section.more)}" style="color: #1d70b8">and ${section.total - section.lines.length} more</a></li>` : ""}
</ul>`,
  )
  .join("\n")}
<p style="font-size: 0.9em">${escapeHtml(footer)} <a href="${escapeHtml(unsubscribeUrl)}" style="color: #1d70b8">Stop these emails</a>.</p>
</body></html>`;

  return { subject, text, html, unsubscribeUrl };
}
