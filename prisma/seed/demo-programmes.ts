// The five seed programmes from shared/seeds, as demo data.
//
// Figures from the reports are used as written. Where a report gives no figure, the value is
// INVENTED for the demo and marked so on the line where it appears (spend to date, receipts,
// exact days inside a month, risk scores, the shared posts' cost).
import type { Prisma, PrismaClient } from "../src/client.ts";

/** Whole pounds to pence, without floats. */
const pounds = (whole: number): bigint => BigInt(whole) * 100n;
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

type Tx = Prisma.TransactionClient;

export type SeedResult = { programmes: number; seeded: boolean };

/** Seeds the demo programmes if the database has no programmes yet. Safe to call on every start. */
export async function seedDemoProgrammes(prisma: PrismaClient): Promise<SeedResult> {
  return prisma.$transaction(
    async (tx) => {
      // Serialise concurrent starts: only one seeds.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
      const existing = await tx.programme.count();
      if (existing > 0) return { programmes: existing, seeded: false };
      const organisations = await seedOrganisations(tx);
      await earlyYearsOutcomes(tx, organisations);
      await digitalImprovement(tx, organisations);
      await developmentDemonstrator(tx, organisations);
      await newModelsForLeas(tx, organisations);
      await sharedEarlyYearsLeadership(tx, organisations);
      const programmes = await tx.programme.findMany({ select: { id: true, name: true } });
      await tx.auditEvent.createMany({
        data: programmes.map((programme) => ({
          actorLabel: "system: demo seed",
          entityType: "Programme",
          entityId: programme.id,
          action: "create" as const,
          changes: { name: { before: null, after: programme.name } },
          reason: "Demo data from the seed council reports",
        })),
      });
      return { programmes: programmes.length, seeded: true };
    },
    { timeout: 60_000 },
  );
}

type Organisations = Awaited<ReturnType<typeof seedOrganisations>>;

async function seedOrganisations(tx: Tx) {
  const create = (name: string, kinds: ("council" | "funder" | "supplier" | "evaluator")[], identifier?: string) =>
    tx.organisation.create({ data: { name, kinds, identifier: identifier ?? null } });
  // Councils' identifiers: org-id.guide's GB-LAE list (English local authority codes).
  return {
    oldham: await create("Oldham Council", ["council", "funder"], "GB-LAE-OLD"),
    tameside: await create("Tameside Metropolitan Borough Council", ["council", "funder"], "GB-LAE-TAM"),
    rochdale: await create("Rochdale Borough Council", ["council"], "GB-LAE-RCH"),
    stockport: await create("Stockport Metropolitan Borough Council", ["council", "funder"], "GB-LAE-SKP"),
    rotherham: await create("Rotherham Metropolitan Borough Council", ["council"], "GB-LAE-ROT"),
    oxfordshire: await create("Oxfordshire County Council", ["council"], "GB-LAE-OXF"),
    westBerkshire: await create("West Berkshire Council", ["council"], "GB-LAE-WBK"),
    wokingham: await create("Wokingham Borough Council", ["council"], "GB-LAE-WOK"),
    oldhamOaBoard: await create("Oldham Opportunity Area Board", ["funder"]),
    gmca: await create("Greater Manchester Combined Authority", ["funder"]),
    dfe: await create("Department for Education", ["funder"]),
    cib: await create("Children's Improvement Board", ["funder"]),
    lga: await create("Local Government Association", ["funder"]),
    dartington: await create("Dartington Service Design Lab", ["supplier"]),
    unity: await create("Unity Partnership", ["supplier"]),
    capita: await create("Capita", ["supplier"]),
    opm: await create("Office for Public Management (OPM)", ["evaluator"]),
  };
}

// ─── 1. Oldham: early years outcomes programme (Dartington Service Design Lab) ──────────────
async function earlyYearsOutcomes(tx: Tx, org: Organisations) {
  const oaFund = await tx.fund.create({
    data: { funderId: org.oldhamOaBoard.id, name: "Oldham Opportunity Area fund", fundType: "revenue" },
  });
  const pathways = await tx.fund.create({
    data: { funderId: org.gmca.id, name: "GM Pathways to Talking", fundType: "revenue" },
  });
  const outcomesFund = await tx.fund.create({
    data: { funderId: org.dfe.id, name: "Early Years Outcomes Fund", fundType: "revenue" },
  });

  const programme = await tx.programme.create({
    data: {
      name: "Early years outcomes programme",
      summary:
        "Dartington Service Design Lab's programme to build a targeted, locally nuanced early years strategy for Oldham, after the Oldham–Tameside–Rochdale bid to DfE's Early Years Outcomes Fund was unsuccessful.",
      leadOrganisationId: org.oldham.id,
      status: "active",
      governanceStage: "implementation",
      startOn: day("2019-08-02"),
      endOn: day("2020-07-31"), // INVENTED: the report gives no end date.
      totalCostPence: pounds(105_000),
      partners: {
        create: [
          { organisationId: org.oldham.id, role: "lead", joinedOn: day("2018-11-01") },
          {
            organisationId: org.tameside.id,
            role: "partner",
            joinedOn: day("2018-11-01"),
            note: "Partner in the unsuccessful Early Years Outcomes Fund bid",
          },
          {
            organisationId: org.rochdale.id,
            role: "partner",
            joinedOn: day("2018-11-01"),
            note: "Partner in the unsuccessful Early Years Outcomes Fund bid",
          },
          { organisationId: org.dartington.id, role: "delivery_partner", joinedOn: day("2018-11-01") },
        ],
      },
    },
  });
  const decision = await tx.decision.create({
    data: {
      organisationId: org.oldham.id,
      programmeId: programme.id,
      reference: "OLD-2019-08-02-DSDL", // INVENTED reference: the notice gives none.
      title: "Dartington Service Design Lab: early years programme of work",
      decisionType: "non_key",
      decisionMaker: "Cabinet Member - Education and Skills",
      decidedOn: day("2019-08-02"),
      publishedOn: day("2019-08-02"),
      status: "Recommendations Approved",
      amountPence: pounds(105_000),
    },
  });
  const contract = await tx.costLine.create({
    data: { programmeId: programme.id, name: "Dartington Service Design Lab contract", ledgerCode: "EY-DSDL" },
  });
  const oaBoard = await tx.fundingCommitment.create({
    data: {
      fundId: oaFund.id,
      programmeId: programme.id,
      recipientId: org.oldham.id,
      decisionId: decision.id,
      title: "Oldham OA Board investment in the Dartington programme",
      amountPence: pounds(80_000),
      status: "awarded",
      awardedOn: day("2019-08-02"),
      conditions: "Expected to be used towards the £105k cost of commissioning Dartington Service Design Lab",
      profile: { create: [{ financialYear: 2019, amountPence: pounds(80_000) }] },
      receipts: { create: [{ receivedOn: day("2019-09-30"), amountPence: pounds(80_000), reference: "OA-2019-014" }] }, // INVENTED receipt
    },
  });
  const gmPathways = await tx.fundingCommitment.create({
    data: {
      fundId: pathways.id,
      programmeId: programme.id,
      recipientId: org.oldham.id,
      decisionId: decision.id,
      title: "Oldham contribution from GMCA's GM Pathways to Talking funding",
      amountPence: pounds(25_000),
      status: "awarded",
      awardedOn: day("2019-08-02"),
      profile: { create: [{ financialYear: 2019, amountPence: pounds(25_000) }] },
    },
  });
  await tx.fundingCommitment.create({
    data: {
      fundId: outcomesFund.id,
      programmeId: programme.id,
      recipientId: org.oldham.id,
      title: "Oldham, Tameside and Rochdale partnership bid to the Early Years Outcomes Fund",
      amountPence: 0n, // The report does not state the amount bid for.
      status: "unsuccessful",
      conditions: "Partnership bid submitted November 2018; unsuccessful",
    },
  });
  await tx.allocation.createMany({
    data: [
      { commitmentId: oaBoard.id, costLineId: contract.id, amountPence: pounds(80_000) },
      { commitmentId: gmPathways.id, costLineId: contract.id, amountPence: pounds(25_000) },
    ],
  });
  // INVENTED spend to date: three Dartington invoices, £90,000 in all.
  await tx.spend.createMany({
    data: [
      ["2019-10-31", 35_000, "DSDL-INV-1041"],
      ["2020-01-31", 35_000, "DSDL-INV-1102"],
      ["2020-04-30", 20_000, "DSDL-INV-1187"],
    ].map(([spentOn, amount, reference]) => ({
      programmeId: programme.id,
      costLineId: contract.id,
      spentOn: day(spentOn as string),
      amountPence: pounds(amount as number),
      supplierName: "Dartington Service Design Lab",
      supplierId: org.dartington.id,
      department: "Education, Skills and Early Years",
      purpose: "Early years outcomes programme of work",
      merchantCategory: "Consultancy",
      reference: reference as string,
      payingOrganisationId: org.oldham.id,
    })),
  });
}

// ─── 2. Oldham: Children's and Early Years Digital Improvement Programme ────────────────────
async function digitalImprovement(tx: Tx, org: Organisations) {
  const capitalFund = await tx.fund.create({
    data: { funderId: org.oldham.id, name: "ICT Business Systems capital fund", fundType: "capital" },
  });
  const programme = await tx.programme.create({
    data: {
      name: "Children's and Early Years Digital Improvement Programme",
      summary:
        "Applying digital technology to automate administratively intense tasks in Children's and Early Years Services, using a Platform + Agile approach with ICT.",
      leadOrganisationId: org.oldham.id,
      status: "active",
      governanceStage: "implementation",
      startOn: day("2019-11-13"),
      endOn: day("2020-03-31"),
      totalCostPence: pounds(80_000),
      partners: {
        create: [
          { organisationId: org.oldham.id, role: "lead", joinedOn: day("2019-11-13") },
          { organisationId: org.unity.id, role: "supplier", joinedOn: day("2019-11-13") },
        ],
      },
    },
  });
  const [ehcp, fpn, eyTracking] = await Promise.all(
    [
      ["Education Health Care Planning", "Automated business processes for the EHCP assessment process"],
      ["Fixed Penalty Notices", "Automated management of Fixed Penalty Notices to support improved attendance"],
      ["Early Years Assessment Tracking", "Combining datasets to target effort on improving outcomes (DC111)"],
    ].map(([name, description]) =>
      tx.workstream.create({ data: { programmeId: programme.id, name: name as string, description } }),
    ),
  );
  const decision = await tx.decision.create({
    data: {
      organisationId: org.oldham.id,
      programmeId: programme.id,
      reference: "OLD-DOR-2019-11-13", // INVENTED reference: the report gives none.
      title: "Children's and Early Years Digital Improvement Programme",
      decisionType: "non_key",
      decisionMaker: "Helen Lockwood, Deputy Chief Executive Officer (delegated officer decision)",
      decidedOn: day("2019-11-13"),
      status: "Approved",
      amountPence: pounds(80_000),
    },
  });
  const commitment = await tx.fundingCommitment.create({
    data: {
      fundId: capitalFund.id,
      programmeId: programme.id,
      recipientId: org.oldham.id,
      decisionId: decision.id,
      title: "Release of £80,000 from the ICT Business Systems capital fund",
      amountPence: pounds(80_000),
      status: "awarded",
      awardedOn: day("2019-11-13"),
      conditions: "Capital: to be spent within FY 2019/20",
      profile: { create: [{ financialYear: 2019, amountPence: pounds(80_000) }] },
    },
  });
  const resources = await tx.costLine.create({
    data: {
      programmeId: programme.id,
      name: "Platform + Agile resources (Unity Partnership)",
      ledgerCode: "ICT-CEY-DIG",
    },
  });
  await tx.allocation.create({
    data: { commitmentId: commitment.id, costLineId: resources.id, amountPence: pounds(80_000) },
  });
  // INVENTED spend: Unity Partnership charges; the last £5,000 lands in April 2020, outside the
  // capital's year, so the demo shows that reconciliation flag.
  await tx.spend.createMany({
    data: [
      ["2019-12-20", 20_000, "UP-19-5521"],
      ["2020-01-24", 20_000, "UP-20-0107"],
      ["2020-02-21", 20_000, "UP-20-0198"],
      ["2020-03-27", 15_000, "UP-20-0266"],
      ["2020-04-24", 5_000, "UP-20-0341"],
    ].map(([spentOn, amount, reference]) => ({
      programmeId: programme.id,
      costLineId: resources.id,
      spentOn: day(spentOn as string),
      amountPence: pounds(amount as number),
      supplierName: "Unity Partnership Ltd",
      supplierId: org.unity.id,
      department: "ICT / Education, Skills and Early Years",
      purpose: "Digital process development (Platform + Agile)",
      merchantCategory: "IT services",
      reference: reference as string,
      payingOrganisationId: org.oldham.id,
    })),
  });

  const benefit = (data: Omit<Prisma.BenefitUncheckedCreateInput, "programmeId">) =>
    tx.benefit.create({ data: { ...data, programmeId: programme.id } });
  await benefit({
    workstreamId: ehcp!.id,
    name: "Increased throughput of EHCPs",
    benefitType: "direct",
    direction: "increase",
    measure: "Total of EHCPs processed within comparable periods before and after the implementation",
    unit: "count",
    expectedBy: day("2021-07-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Jul 2021",
  });
  await benefit({
    workstreamId: ehcp!.id,
    name: "Increased statutory compliance",
    benefitType: "direct",
    direction: "increase",
    measure:
      "Annual review backlog completed ahead of schedule; timeliness of advice from all partners exceeds the 70% target",
    unit: "percent",
    targetValue: "70",
    expectedBy: day("2021-01-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Jan 2021 (time of DfE SEN2 Return)",
  });
  await benefit({
    workstreamId: ehcp!.id,
    name: "Improved correspondence with parents",
    benefitType: "direct",
    direction: "decrease",
    measure: "'Chasing' phone calls from parents (50% reduction)",
    unit: "percent change",
    targetValue: "-50",
    expectedBy: day("2020-12-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Dec 2020 (measurement period Nov and Dec)",
  });
  await benefit({
    workstreamId: fpn!.id,
    name: "Increased revenue from automating the school fines process",
    benefitType: "direct",
    direction: "increase",
    measure: "Income target moves to £120K (revenue target increases by £20K p/a)",
    unit: "pence",
    baselineValue: String(pounds(100_000)),
    targetValue: String(pounds(120_000)),
    expectedBy: day("2021-07-31"),
    expectedByPrecision: "month",
    expectedByLabel: "July 2021",
  });
  await benefit({
    workstreamId: fpn!.id,
    name: "Increased throughput of FPNs",
    benefitType: "direct",
    direction: "increase",
    measure: "Number of FPNs processed in comparable periods before and after the implementation",
    unit: "count",
    expectedBy: day("2020-12-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Dec 2020",
  });
  const timeliness = await benefit({
    workstreamId: fpn!.id,
    name: "Improving timeliness of processing school fines",
    benefitType: "direct",
    direction: "decrease",
    measure: "Working days to process a fixed penalty notice (-60%)",
    unit: "working days",
    baselineValue: "25",
    targetValue: "10",
    expectedBy: day("2020-12-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Dec 2020",
  });
  await tx.benefitReading.createMany({
    data: [
      { benefitId: timeliness.id, readOn: day("2020-06-30"), value: "18", note: "INVENTED demo reading" },
      { benefitId: timeliness.id, readOn: day("2020-12-31"), value: "11", note: "INVENTED demo reading" },
    ],
  });
  const attendance = await benefit({
    workstreamId: fpn!.id,
    name: "Improving LA attendance figures",
    benefitType: "indirect",
    direction: "increase",
    measure: "Attendance in line with national average",
    unit: "percent",
    targetValue: "95.2",
    expectedBy: day("2022-01-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Jan 2022",
  });
  await tx.benefitReading.create({
    data: { benefitId: attendance.id, readOn: day("2021-07-31"), value: "94.6", note: "INVENTED demo reading" },
  });
  await benefit({
    workstreamId: eyTracking!.id,
    name: "Ability to plan targeted, data-led interventions to achieve DC111",
    benefitType: "direct",
    direction: "achieve",
    unit: "approval",
    measure: "Targeted improvement plan relates back to insight from data collected, approved by Andrew Sutherland",
    targetText: "Plan approved",
    expectedBy: day("2020-03-31"),
    expectedByPrecision: "month",
    expectedByLabel: "Mar 2020",
  });
  await benefit({
    workstreamId: eyTracking!.id,
    name: "Achieve 70% of five-year-olds at a Good Level of Development",
    benefitType: "indirect",
    direction: "increase",
    measure: "Good Level of Development is measured by DfE",
    unit: "percent",
    targetValue: "70",
    expectedBy: day("2020-09-30"),
    expectedByPrecision: "month",
    expectedByLabel: "Sep 2020",
  });
  await benefit({
    workstreamId: eyTracking!.id,
    name: "Achieve national average for Good Level of Development (GLD)",
    benefitType: "indirect",
    direction: "achieve",
    measure: "Good Level of Development is measured by DfE",
    unit: "percent",
    targetText: "National average",
    expectedBy: day("2020-09-30"),
    expectedByPrecision: "month",
    expectedByLabel: "Sep 2020",
  });
}

// ─── 3. Rotherham: Development Demonstrator for Early and Foundation Years ──────────────────
async function developmentDemonstrator(tx: Tx, org: Organisations) {
  const fund = await tx.fund.create({
    data: {
      funderId: org.cib.id,
      name: "Early and Foundation Years Development Demonstrator",
      fundType: "revenue",
      description: "Children's Improvement Board and LGA national learning network of demonstrator sites",
    },
  });
  const programme = await tx.programme.create({
    data: {
      name: "Development Demonstrator for Early and Foundation Years",
      summary:
        "Rotherham as a national Development Demonstrator site, sharing learning on narrowing the gap in outcomes for children in poverty aged 0–5.",
      leadOrganisationId: org.rotherham.id,
      status: "active",
      governanceStage: "implementation",
      startOn: day("2012-10-01"),
      endOn: day("2013-09-30"), // INVENTED: the report gives no end date.
      totalCostPence: pounds(20_000),
      partners: {
        create: [
          { organisationId: org.rotherham.id, role: "lead", joinedOn: day("2012-10-01") },
          { organisationId: org.lga.id, role: "partner", joinedOn: day("2012-10-01") },
        ],
      },
    },
  });
  const decision = await tx.decision.create({
    data: {
      organisationId: org.rotherham.id,
      programmeId: programme.id,
      reference: "Cabinet 18 July 2012",
      title: "Rotherham Development Demonstrator site for Early and Foundation Years",
      decisionType: "non_key",
      decisionMaker: "Cabinet",
      decidedOn: day("2012-07-18"),
      status: "Report received",
      amountPence: pounds(20_000),
    },
  });
  const commitment = await tx.fundingCommitment.create({
    data: {
      fundId: fund.id,
      programmeId: programme.id,
      recipientId: org.rotherham.id,
      decisionId: decision.id,
      title: "£20,000 cash to facilitate the demonstrator's commitments",
      amountPence: pounds(20_000),
      status: "received",
      awardedOn: day("2012-07-27"),
      conditions: "Host 10 site visits for peer councils and attend at least 2 national meetings",
      profile: { create: [{ financialYear: 2012, amountPence: pounds(20_000) }] },
      receipts: { create: [{ receivedOn: day("2012-10-15"), amountPence: pounds(20_000), reference: "CIB-DD-012" }] }, // INVENTED receipt
    },
  });
  const visits = await tx.costLine.create({
    data: { programmeId: programme.id, name: "Peer council visits and publicity materials", ledgerCode: "CYPS-EFY-DD" },
  });
  await tx.allocation.create({
    data: { commitmentId: commitment.id, costLineId: visits.id, amountPence: pounds(20_000) },
  });
  await tx.deliverableTarget.createMany({
    data: [
      {
        programmeId: programme.id,
        description: "Host site visits for peer councils",
        targetCount: 10,
        achievedCount: 6,
        dueOn: day("2013-09-30"),
      }, // achieved: INVENTED
      {
        programmeId: programme.id,
        description: "Attend national meetings",
        targetCount: 2,
        atLeast: true,
        achievedCount: 2,
        dueOn: day("2013-09-30"),
      }, // achieved: INVENTED
    ],
  });
  // INVENTED spend: visit hosting and publicity, £12,640.00 in all.
  await tx.spend.createMany({
    data: [
      ["2012-11-20", 2_150_00, "Rotherham Town Hall venue hire", "Venue hire for peer visit"],
      ["2013-01-15", 3_890_00, "Print Solutions (Yorkshire) Ltd", "Publicity materials"],
      ["2013-03-12", 2_600_00, "Rotherham Town Hall venue hire", "Venue hire for peer visits"],
      ["2013-06-04", 4_000_00, "Learning Network Events Ltd", "Regional showcase event"],
    ].map(([spentOn, amountPence, supplierName, purpose]) => ({
      programmeId: programme.id,
      costLineId: visits.id,
      spentOn: day(spentOn as string),
      amountPence: BigInt(amountPence as number),
      supplierName: supplierName as string,
      department: "Children and Young People's Services",
      purpose: purpose as string,
      merchantCategory: "Events and publicity",
      payingOrganisationId: org.rotherham.id,
    })),
  });
}

// ─── 4. Oxfordshire, West Berkshire and Wokingham: New Models for LEAs pilot ────────────────
async function newModelsForLeas(tx: Tx, org: Organisations) {
  const fund = await tx.fund.create({
    data: {
      funderId: org.dfe.id,
      name: "New Models for LEAs pilot",
      fundType: "revenue",
      description: "One of 11 initial pilots funded by the DfES (the DfE's predecessor until 2007)",
    },
  });
  const programme = await tx.programme.create({
    data: {
      name: "New Models for LEAs pilot",
      summary:
        "Feasibility study of options for the future delivery of LEA services, followed by three pilot projects during 2002.",
      leadOrganisationId: org.oxfordshire.id,
      status: "active",
      governanceStage: "implementation",
      startOn: day("2001-02-01"),
      endOn: day("2003-03-31"), // INVENTED: pilots were to run in 2002/03.
      totalCostPence: pounds(350_000),
      partners: {
        create: [
          { organisationId: org.oxfordshire.id, role: "lead", joinedOn: day("2001-02-01") },
          { organisationId: org.westBerkshire.id, role: "partner", joinedOn: day("2001-02-01") },
          {
            organisationId: org.wokingham.id,
            role: "partner",
            joinedOn: day("2001-02-01"),
            withdrewOn: day("2002-02-28"), // February 2002; the report gives no day.
            note: "Withdrew from the project in February 2002 due to other pressures and priorities, but remains involved in two aspects of the next-stage pilot work",
          },
          { organisationId: org.capita.id, role: "supplier", joinedOn: day("2001-02-01") },
          { organisationId: org.opm.id, role: "evaluator", joinedOn: day("2001-02-01") },
        ],
      },
    },
  });
  // EX14 noted the project and authorised the pilots; it did not award the DfES money.
  await tx.decision.create({
    data: {
      organisationId: org.oxfordshire.id,
      programmeId: programme.id,
      reference: "EX14",
      title: "New Models for Local Education Authorities pilot",
      decisionType: "non_key",
      decisionMaker: "Executive Committee",
      decidedOn: day("2002-04-30"),
      status: "Recommendations Approved",
    },
  });
  const commitment = await tx.fundingCommitment.create({
    data: {
      fundId: fund.id,
      programmeId: programme.id,
      recipientId: org.oxfordshire.id,
      title: "DfES funding for the Oxfordshire, West Berkshire and Wokingham New Models Project",
      amountPence: pounds(350_000),
      status: "received",
      awardedOn: day("2001-02-01"),
      // INVENTED profile: the report gives only the total.
      profile: {
        create: [
          { financialYear: 2000, amountPence: pounds(50_000) },
          { financialYear: 2001, amountPence: pounds(277_000) },
          { financialYear: 2002, amountPence: pounds(23_000) },
        ],
      },
      receipts: {
        create: [
          { receivedOn: day("2001-03-15"), amountPence: pounds(175_000), reference: "DFES-NM-01" }, // INVENTED
          { receivedOn: day("2001-10-15"), amountPence: pounds(175_000), reference: "DFES-NM-02" }, // INVENTED
        ],
      },
    },
  });

  const pilots = [
    [
      "Feasibility study",
      "Review of 10 LEA service areas: staff time, workshops, conferences and evaluation",
      "Feasibility study: staff time, workshops, conferences and evaluation",
      327_000,
    ],
    [
      "Specialist Advisory Services",
      "Secondary Headteachers' Networking and Benchmarking Club",
      "Secondary Headteachers' Networking and Benchmarking Club",
      8_000,
    ],
    [
      "Recruitment and Retention",
      "A Value Added Supply Agency",
      "Value Added Supply Agency: investigation and service design",
      5_000,
    ],
    [
      "Pupil Performance Data",
      "A shared webspace supporting the other New Model developments",
      "Shared webspace",
      10_000,
    ],
  ] as const;
  // The three pilots' £8,000, £5,000 and £10,000 are from the report; the feasibility study's
  // £327,000 is the remainder of the £350,000.
  const lines: Record<string, string> = {};
  for (const [workstreamName, description, lineName, amount] of pilots) {
    const workstream = await tx.workstream.create({
      data: { programmeId: programme.id, name: workstreamName, description },
    });
    const line = await tx.costLine.create({
      data: { programmeId: programme.id, workstreamId: workstream.id, name: lineName },
    });
    lines[workstreamName] = line.id;
    await tx.allocation.create({
      data: { commitmentId: commitment.id, costLineId: line.id, amountPence: pounds(amount) },
    });
  }
  // INVENTED spend: £341,250.00 in all.
  await tx.spend.createMany({
    data: [
      [
        "Feasibility study",
        "2001-06-29",
        96_400,
        "Capita Business Services Ltd",
        "Consultancy support to service reviews",
        org.capita.id,
      ],
      [
        "Feasibility study",
        "2001-09-28",
        118_350,
        "Staff time recharges: partner LEAs",
        "Staff time on service area reviews",
        null,
      ],
      [
        "Feasibility study",
        "2001-12-14",
        64_000,
        "Capita Business Services Ltd",
        "Options generation workshops and business plans",
        org.capita.id,
      ],
      ["Feasibility study", "2002-04-26", 42_000, "Office for Public Management", "Project evaluation", org.opm.id],
      [
        "Specialist Advisory Services",
        "2002-07-19",
        7_500,
        "Oxford Conference Centre",
        "Benchmarking Club launch conference",
        null,
      ],
      [
        "Recruitment and Retention",
        "2002-09-20",
        4_000,
        "Staff time recharges: West Berkshire",
        "Supply agency service design",
        null,
      ],
      [
        "Pupil Performance Data",
        "2002-11-29",
        9_000,
        "Web services (schools broadband)",
        "Shared webspace development",
        null,
      ],
    ].map(([workstreamName, spentOn, amount, supplierName, purpose, supplierId]) => ({
      programmeId: programme.id,
      costLineId: lines[workstreamName as string]!,
      spentOn: day(spentOn as string),
      amountPence: pounds(amount as number),
      supplierName: supplierName as string,
      supplierId: supplierId as string | null,
      department: "Education",
      purpose: purpose as string,
      merchantCategory: "Consultancy",
      payingOrganisationId: org.oxfordshire.id,
    })),
  });
}

// ─── 5. Stockport and Tameside: shared early years education improvement leadership ─────────
async function sharedEarlyYearsLeadership(tx: Tx, org: Organisations) {
  const [stockportFund, tamesideFund] = await Promise.all([
    tx.fund.create({
      data: { funderId: org.stockport.id, name: "Stockport education improvement revenue budget", fundType: "revenue" },
    }),
    tx.fund.create({
      data: { funderId: org.tameside.id, name: "Tameside education improvement revenue budget", fundType: "revenue" },
    }),
  ]);
  const programme = await tx.programme.create({
    data: {
      name: "Shared early years education improvement leadership",
      summary:
        "Proof of concept for shared services: four early years leadership posts working across Stockport and Tameside, funded half by each authority.",
      leadOrganisationId: org.stockport.id,
      status: "approved",
      governanceStage: "due_diligence",
      startOn: day("2022-04-01"),
      endOn: day("2023-03-31"),
      totalCostPence: pounds(260_000), // INVENTED: the report gives no cost for the four posts.
      partners: {
        create: [
          { organisationId: org.stockport.id, role: "lead", joinedOn: day("2021-04-01") },
          { organisationId: org.tameside.id, role: "partner", joinedOn: day("2021-04-01") },
        ],
      },
    },
  });
  for (const name of [
    "Head of Education Improvement for Early Years",
    "Lead Childminder Officer",
    "Lead Officer for QTS (Qualified Teacher Status) work",
    "Lead for Early Years Settings (PVI)",
  ]) {
    await tx.workstream.create({ data: { programmeId: programme.id, name, description: "Shared leadership post" } });
  }
  const posts = await tx.costLine.create({
    data: { programmeId: programme.id, name: "Shared early years leadership posts", ledgerCode: "EY-SHARED" },
  });
  await tx.costSharingAgreement.create({
    data: {
      programmeId: programme.id,
      costLineId: posts.id,
      name: "Early years leadership posts: half each",
      description: "The roles in the new early years leadership structure are funded half by each authority",
      effectiveFrom: day("2022-04-01"),
      shares: {
        create: [
          { organisationId: org.stockport.id, parts: 1 },
          { organisationId: org.tameside.id, parts: 1 },
        ],
      },
    },
  });
  // INVENTED amounts: each council commits half of the invented £260,000.
  for (const [fund, council] of [
    [stockportFund, org.stockport],
    [tamesideFund, org.tameside],
  ] as const) {
    const commitment = await tx.fundingCommitment.create({
      data: {
        fundId: fund.id,
        programmeId: programme.id,
        recipientId: council.id,
        // Each council's half is in its own books: only it changes it.
        ownerOrganisationId: council.id,
        title: `${council.name}: half share of the shared early years posts`,
        amountPence: pounds(130_000),
        status: "awarded",
        awardedOn: day("2022-03-31"),
        profile: { create: [{ financialYear: 2022, amountPence: pounds(130_000) }] },
      },
    });
    await tx.allocation.create({
      data: {
        commitmentId: commitment.id,
        costLineId: posts.id,
        amountPence: pounds(130_000),
        ownerOrganisationId: council.id,
      },
    });
  }
  // INVENTED spend: quarterly salary recharges. Stockport has paid £60,000, Tameside £50,000,
  // so Tameside is £5,000 behind its half of £110,000.
  await tx.spend.createMany({
    data: [
      ["2022-06-30", 30_000, org.stockport, "SMBC-Q1-EYL"],
      ["2022-06-30", 25_000, org.tameside, "TMBC-Q1-EYL"],
      ["2022-09-30", 30_000, org.stockport, "SMBC-Q2-EYL"],
      ["2022-09-30", 25_000, org.tameside, "TMBC-Q2-EYL"],
    ].map(([spentOn, amount, payer, reference]) => ({
      programmeId: programme.id,
      costLineId: posts.id,
      spentOn: day(spentOn as string),
      amountPence: pounds(amount as number),
      supplierName: "Shared post salary recharge",
      paidToIndividual: false,
      department: "Education Improvement (Early Years)",
      purpose: "Shared early years leadership posts: salary costs",
      merchantCategory: "Staff costs",
      reference: reference as string,
      payingOrganisationId: (payer as { id: string }).id,
      // Each council's recharges are from its own ledger.
      ownerOrganisationId: (payer as { id: string }).id,
    })),
  });

  const milestones = [
    [
      "Further conversations with Trade Union Representatives to brief on the proposals regarding Shared Services",
      "Trade Unions briefed",
      "2022-03-31",
      "month",
      "March 2022",
      "met",
      "2022-03-24",
    ],
    [
      "Stakeholder engagement in a 'Listening Exercise' on Shared Services phase 1 proposals including Schools, PVI Settings, wider stakeholders, children and families",
      "Report on engagement with stakeholders",
      "2022-05-31",
      "season",
      "Spring 2022",
      "met",
      "2022-05-20",
    ],
    [
      "Agree job descriptions for new early years posts",
      "Job descriptions established",
      "2022-04-30",
      "month",
      "April 2022",
      "met",
      "2022-05-13",
    ],
    [
      "Bring full early years proposal through governance",
      "Approval for implementation",
      "2022-06-30",
      "month",
      "June 2022",
      "delayed",
      null,
    ],
    [
      "Where required revised service specification(s) complete and shared",
      "New service specifications",
      "2022-06-30",
      "month",
      "End June 2022",
      "at_risk",
      null,
    ],
  ] as const;
  // Statuses, actual dates and the forecast below are INVENTED; baselines are the report's.
  let order = 0;
  for (const [description, output, baselineOn, precision, label, status, actualOn] of milestones) {
    await tx.milestone.create({
      data: {
        programmeId: programme.id,
        description,
        output,
        ownerName: "Shared services programme team",
        status,
        baselineOn: day(baselineOn),
        baselinePrecision: precision,
        baselineLabel: label,
        forecastOn: status === "delayed" ? day("2022-09-30") : status === "at_risk" ? day("2022-07-31") : null,
        forecastPrecision: status === "delayed" || status === "at_risk" ? "month" : null,
        actualOn: actualOn ? day(actualOn) : null,
        sortOrder: order++,
      },
    });
  }
  await tx.risk.createMany({
    data: [
      {
        programmeId: programme.id,
        title: "Governance arrangements",
        description:
          "These proposals are being developed and delivered in partnership with another council and it is essential there is adequate senior officer and member oversight of individual shared services initiatives in both Councils.",
        implication:
          "Failure to plan governance and scrutiny arrangements between Councils has the potential to impact pace and ability to deliver successful shared services projects. Members may not be given adequate chance to scrutinise shared services proposals.",
        mitigation:
          "Children and Families Scrutiny Committee is regularly updated; a shared services programme board advises with representatives from both councils; all decisions go through each Council's scrutiny and governance; a joint milestone plan synchronises scrutiny and approvals.",
        ownerName: "Director of Children's Services",
        likelihood: 2, // INVENTED score
        impact: 4, // INVENTED score
        status: "mitigating",
      },
      {
        programmeId: programme.id,
        title: "Maintaining level of service",
        description:
          "There are differences in the structures, processes and levels of need across both authorities. It is important neither Council experiences any diminution in the levels or quality of service to children and young people as a result of sharing services.",
        implication:
          "Failure to adequately scope, model, scrutinise and implement any proposed shared service might have detrimental impacts on the levels of service to Stockport children and young people.",
        mitigation:
          "Due diligence on each proposal; joint ownership via the shared Director of Education; clear governance underpinned by agreements with performance levels, risk-sharing clauses and contingency arrangements.",
        ownerName: "Shared Director of Education",
        likelihood: 2, // INVENTED score
        impact: 5, // INVENTED score
        status: "open",
      },
    ],
  });
}
