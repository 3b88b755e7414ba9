import { declareRecord, inItsProgramme } from "../../lib/records.ts";

export const benefitRecord = declareRecord({
  table: "Benefit",
  name: "benefit",
  retires: true,
  belongsTo: inItsProgramme("Benefit"),
});

export const benefitReadingRecord = declareRecord({
  table: "BenefitReading",
  name: "reading",
  retires: false,
  belongsTo: `SELECT benefit."programmeId", NULL::uuid AS "organisationId" FROM "BenefitReading" reading
              JOIN "Benefit" benefit ON benefit.id = reading."benefitId" WHERE reading.id = $1::uuid`,
});
