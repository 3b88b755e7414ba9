import type { Prisma } from "@fundline/db";
import { RuleBroken } from "../errors.ts";
import { declaredRecord } from "./records.ts";

export type Problem = { path: string; message: string };

/** How a reference to a record that is missing (or out of scope, or retired) is refused: one wording. */
export function noSuch(path: string, name: string, id: string, where?: "in this programme"): Problem {
  return { path, message: where ? `no such ${name} ${where}` : `no such ${name}: ${id}` };
}

/**
 * A reference a write holds: the field, the kind of record (its table) and the id it names, and
 * when the record must hang off the same programme, that programme.
 */
export type Reference = {
  path: string;
  table: Prisma.ModelName;
  id: string | null | undefined;
  inProgramme?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for text shaped as a record's id: anything else names no record, and is never sent to SQL as a uuid. */
export function isRecordId(text: string): boolean {
  return UUID.test(text);
}

/**
 * The references that do not name a live record (of that programme, when one is given), each
 * named by its field: a 422 the caller can collect with its own problems, never a foreign-key 500.
 * Scope is the route's check (`assertInScope`); this is what is true inside the transaction.
 */
export async function missingReferences(tx: Prisma.TransactionClient, references: Reference[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const reference of references) {
    if (!reference.id) continue;
    const kind = declaredRecord(reference.table);
    const found =
      isRecordId(reference.id) &&
      (
        await tx.$queryRawUnsafe<{ found: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM "${kind.table}" WHERE id = $1::uuid
             ${kind.retires ? `AND "retiredAt" IS NULL` : ""}
             ${reference.inProgramme ? `AND "programmeId" = $2::uuid` : ""}) AS found`,
          reference.id,
          ...(reference.inProgramme ? [reference.inProgramme] : []),
        )
      )[0]?.found;
    if (!found) {
      problems.push(
        noSuch(reference.path, kind.name, reference.id, reference.inProgramme ? "in this programme" : undefined),
      );
    }
  }
  return problems;
}

/** The same, refused at once (422) when any is missing. */
export async function assertReferencesExist(tx: Prisma.TransactionClient, references: Reference[]): Promise<void> {
  const problems = await missingReferences(tx, references);
  if (problems.length) throw new RuleBroken(problems);
}
