import { startTestCluster } from "@fundline/db/testing";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  project.provide("databaseAdminUrl", cluster.adminUrl);
  return () => cluster.stop();
}
