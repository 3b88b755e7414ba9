import { describe, expect, it } from "vitest";
import { throughPgBouncer } from "./client.ts";

describe("throughPgBouncer", () => {
  it("reads Prisma's pgbouncer=true marker and leaves it off the address pg connects to", () => {
    expect(
      throughPgBouncer("postgresql://fundline:secret@pgbouncer:6432/fundline?pgbouncer=true&sslmode=require"),
    ).toEqual({ url: "postgresql://fundline:secret@pgbouncer:6432/fundline?sslmode=require", pgBouncer: true });
  });
  it("is a direct connection without it", () => {
    expect(throughPgBouncer("postgresql://fundline:secret@db:5432/fundline")).toEqual({
      url: "postgresql://fundline:secret@db:5432/fundline",
      pgBouncer: false,
    });
  });
});
