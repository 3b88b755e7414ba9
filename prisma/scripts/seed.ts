// `pnpm db:seed`: adds the five demo programmes to DATABASE_URL if it has no programmes yet.
import { seedDemoProgrammes } from "../seed/index.ts";
import { createPrismaClient } from "../src/client.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`pnpm start` seeds its embedded database by itself.)");
  process.exit(2);
}
const prisma = createPrismaClient(url);
try {
  const result = await seedDemoProgrammes(prisma);
  console.log(
    result.seeded
      ? `seeded ${result.programmes} demo programmes`
      : `already has ${result.programmes} programmes: not seeded`,
  );
} finally {
  await prisma.$disconnect();
}
