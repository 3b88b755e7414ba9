import { describe, expect, it } from "vitest";
import { walPosition } from "./read-replicas.ts";

describe("walPosition", () => {
  it("reads PostgreSQL's X/Y form as one number, high half first", () => {
    expect(walPosition("0/3000090")).toBe(0x3000090n);
    expect(walPosition("1/0")).toBe(0x100000000n);
    expect(walPosition("16/B374D848") > walPosition("15/FFFFFFFF")).toBe(true);
  });

  it("refuses what is not a WAL position", () => {
    expect(() => walPosition("3000090")).toThrow("not a WAL position: 3000090");
  });
});
