import { applyMigrations, ensureDatabase, startEmbeddedPostgres, withClient } from "@fundline/db";
import { buildSyntheticPortfolio } from "./synthetic-portfolio.ts";

const cluster = await startEmbeddedPostgres({ dataDir: "/tmp/fl-prof", port: 3401, persistent: true });
await ensureDatabase(cluster, "fundline_bench");
const url = cluster.urlFor("fundline_bench");
console.log("URL", url);
if (process.argv[2] === "build") {
  await applyMigrations(url);
  await withClient(url, (client) => buildSyntheticPortfolio(client, console.log));
  console.log("built");
}
if (process.argv[2] === "serve") {
  console.log("serving; ctrl-c");
  await new Promise(() => {});
}
await cluster.stop();
