import type { Prisma, PrismaClient } from "@fundline/db";
import type {
  CreateFundRequest,
  FundListQuery,
  FundResponse,
  RetireRequest,
  UpdateFundRequest,
} from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { auditCreated } from "../../lib/audit-trail.ts";
import { listPage, orderOf } from "../../lib/paging.ts";
import { noSuch } from "../../lib/references.ts";
import { changeVersioned, retireVersioned, type WriteContext } from "../../lib/write-context.ts";
import "./records.ts";

type FundRow = Prisma.FundGetPayload<object>;

const toFundResponse = (row: FundRow): FundResponse => ({
  id: row.id,
  funderId: row.funderId,
  name: row.name,
  fundType: row.fundType,
  description: row.description,
  retiredAt: row.retiredAt?.toISOString() ?? null,
  version: row.version,
});

export async function listFunds(prisma: PrismaClient, query: FundListQuery) {
  const where: Prisma.FundWhereInput = {
    funderId: query.funderId,
    fundType: query.fundType,
    retiredAt: query.includeRetired ? undefined : null,
  };
  const { items, ...page } = await listPage(query, {
    count: () => prisma.fund.count({ where }),
    rows: (window) => prisma.fund.findMany({ where, orderBy: orderOf(query), ...window }),
    show: toFundResponse,
  });
  return { funds: items, ...page };
}

async function assertFundNameFree(tx: Prisma.TransactionClient, funderId: string, name: string, exceptId?: string) {
  if (await tx.fund.findFirst({ where: { funderId, name, NOT: exceptId ? { id: exceptId } : undefined } })) {
    throw new RuleBroken([{ path: "name", message: `this funder already has a fund called "${name}"` }]);
  }
}

export async function createFund(
  tx: Prisma.TransactionClient,
  { input, ...context }: WriteContext & { input: CreateFundRequest },
): Promise<FundResponse> {
  const funder = await tx.organisation.findFirst({ where: { id: input.funderId, retiredAt: null } });
  if (!funder) throw new RuleBroken([noSuch("funderId", "organisation", input.funderId)]);
  if (!funder.kinds.includes("funder")) {
    throw new RuleBroken([{ path: "funderId", message: `${funder.name} is not recorded as a funder` }]);
  }
  await assertFundNameFree(tx, input.funderId, input.name);
  const after = toFundResponse(await tx.fund.create({ data: input }));
  return auditCreated(tx, context, "Fund", after);
}

/** Capital and revenue money follow different rules, so a fund with commitments keeps its type. */
export function updateFund(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: UpdateFundRequest },
): Promise<FundResponse> {
  const { version, ...changes } = input;
  return changeVersioned(tx, {
    ...context,
    table: "Fund",
    entity: "Fund",
    id,
    expectedVersion: version,
    load: () => tx.fund.findUnique({ where: { id } }),
    show: toFundResponse,
    check: async (row) => {
      if (changes.name) await assertFundNameFree(tx, row.funderId, changes.name, id);
      if (changes.fundType && changes.fundType !== row.fundType) {
        const commitments = await tx.fundingCommitment.count({ where: { fundId: id, retiredAt: null } });
        if (commitments > 0) {
          throw new RuleBroken([
            {
              path: "fundType",
              message: `${commitments} live commitment(s) draw on this ${row.fundType} fund; its type cannot change`,
            },
          ]);
        }
      }
    },
    apply: () => tx.fund.update({ where: { id }, data: { ...changes, version: { increment: 1 } } }),
    action: "update",
  });
}

export function retireFund(
  tx: Prisma.TransactionClient,
  { id, input, ...context }: WriteContext & { id: string; input: RetireRequest },
): Promise<FundResponse> {
  return retireVersioned(tx, {
    ...context,
    table: "Fund",
    entity: "Fund",
    id,
    input,
    load: () => tx.fund.findUnique({ where: { id } }),
    show: toFundResponse,
    check: async () => {
      const commitments = await tx.fundingCommitment.count({ where: { fundId: id, retiredAt: null } });
      if (commitments > 0) {
        throw new RuleBroken([
          { path: "id", message: `${commitments} live commitment(s) draw on this fund; retire them first` },
        ]);
      }
    },
    retire: (change) => tx.fund.update({ where: { id }, data: change }),
  });
}
