// Files and forms as a careless user or an attacker sends them: each gets a 400 or 422 saying
// what is wrong with it, never a 500, and the server keeps answering.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadLedger } from "../../test/ledger-upload.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const FIELDS = {
  mode: "preview",
  sourceName: "Malformed ledger",
  mapping: JSON.stringify({ spentOn: "Date", amount: "Amount", costLineCode: "Code", supplierName: "Supplier" }),
};

const upload = (file: Buffer | string, fields: Record<string, string> = FIELDS) =>
  uploadLedger(test, fields, { name: "ledger", content: file });

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Ledger");
  sheet.addRow(["Date", "Amount", "Code", "Supplier"]);
  sheet.addRow(["27/09/2020", "12.50", "EY-DSDL", "Dartington Service Design Lab"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same workbook with one of its XML parts rewritten. */
async function withPart(name: string, rewrite: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await workbook());
  zip.file(name, rewrite(await zip.file(name)!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const expectRefused = async (response: Awaited<ReturnType<typeof upload>>, reason: RegExp) => {
  expect([400, 422]).toContain(response.statusCode);
  expect(response.json().message + JSON.stringify(response.json().fields ?? [])).toMatch(reason);
  expect((await test.inject({ url: "/api/health" })).statusCode).toBe(200);
};

describe("malformed ledger files", () => {
  it("a CSV with an unclosed quote", async () => {
    await expectRefused(await upload('Date,Amount,Code,Supplier\n27/09/2020,"12.50,EY-DSDL,Nobody\n'), /quote/i);
  });

  it("binary garbage read as CSV gets row problems, not a failure", async () => {
    const garbage = Buffer.from(Array.from({ length: 4_096 }, (_, index) => (index * 7919) % 256));
    const response = await upload(Buffer.concat([Buffer.from("Date,Amount,Code,Supplier\n"), garbage]));
    expect(response.statusCode).toBeLessThan(500);
    expect((await test.inject({ url: "/api/health" })).statusCode).toBe(200);
  });

  it("a NUL in a CSV row is that row's problem", async () => {
    const response = await upload(
      "Date,Amount,Code,Supplier\n27/09/2020,12.50,EY-DSDL,Nobo\u0000dy\n27/09/2020,1\u00002,EY-DSDL,Somebody\n",
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().problems.map((problem: { reason: string }) => problem.reason)).toEqual([
      "Beneficiary (supplier): must not contain control characters",
      'Amount (£): "1\uFFFD2" is not an amount of money',
    ]);
  });

  it("an XLSX that is a zip header then garbage", async () => {
    await expectRefused(
      await upload(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2_000, 0x41)])),
      /xlsx|read/i,
    );
  });

  it("a truncated XLSX", async () => {
    const whole = await workbook();
    await expectRefused(await upload(whole.subarray(0, Math.floor(whole.length / 2))), /xlsx|read/i);
  });

  it("an XLSX whose sheet uses an undefined XML entity", async () => {
    await expectRefused(
      await upload(await withPart("xl/sharedStrings.xml", (xml) => xml.replace("Supplier", "Supp&undefined;lier"))),
      /xlsx|read/i,
    );
  });

  it("an XLSX whose rows and cells have no r attribute", async () => {
    const response = await upload(
      await withPart("xl/worksheets/sheet1.xml", (xml) => xml.replace(/ r="[A-Z]*\d+"/g, "")),
    );
    expect(response.statusCode).toBeLessThan(500);
    expect((await test.inject({ url: "/api/health" })).statusCode).toBe(200);
  });
});

describe("files beyond the bounds", () => {
  it("an XLSX with more than 1,048,576 (empty) rows ends at the bound", async () => {
    const rows = Array.from({ length: 1_100_000 }, (_, index) => `<row r="${index + 3}"/>`).join("");
    const file = await withPart("xl/worksheets/sheet1.xml", (xml) =>
      xml.replace("</sheetData>", `${rows}</sheetData>`),
    );
    expect(file.length).toBeLessThan(4_000_000); // a small file that unpacks to millions of rows
    const started = performance.now();
    await expectRefused(await upload(file), /has more than 1,048,576 rows, more than Fundline reads in one import/);
    console.log(`1,100,000 empty rows refused in ${Math.round(performance.now() - started)} ms`);
  });

  it("an XLSX whose shared strings unpack past 64 MB is refused before they are read", async () => {
    const strings = "<si><t>x</t></si>".repeat(4_200_000);
    const file = await withPart("xl/sharedStrings.xml", (xml) => xml.replace("</sst>", `${strings}</sst>`));
    await expectRefused(await upload(file), /of text in its cells \(its shared strings\), over 64 MB/);
  });

  it("a CSV record of more than a million characters", async () => {
    await expectRefused(
      await upload(`Date,Amount,Code,Supplier\n27/09/2020,"${"x".repeat(1_100_000)}`),
      /cannot be read as CSV/,
    );
  });

  it("a CSV row with more than 256 columns", async () => {
    await expectRefused(
      await upload(`Date,Amount,Code,Supplier\n27/09/2020,1.00,EY-DSDL,Nobody${",extra".repeat(300)}\n`),
      /has more than 256 columns on line 2/,
    );
  });
});

describe("malformed forms", () => {
  const send = (contentType: string, payload: string | Buffer) =>
    test.inject({ method: "POST", url: "/api/imports/spend", payload, headers: { "content-type": contentType } });

  it.each([
    [
      "no boundary",
      "multipart/form-data",
      '--x\r\ncontent-disposition: form-data; name="mode"\r\n\r\npreview\r\n--x--\r\n',
    ],
    [
      "a truncated body",
      "multipart/form-data; boundary=x",
      '--x\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\nDate,Amount\r\n27/09',
    ],
    ["a 300-character boundary", `multipart/form-data; boundary=${"b".repeat(300)}`, `--${"b".repeat(300)}--\r\n`],
  ])("%s", async (_case, contentType, payload) => {
    const response = await send(contentType, payload);
    expect([400, 413, 415, 422]).toContain(response.statusCode);
    expect(response.json().message).toBeTruthy();
    expect((await test.inject({ url: "/api/health" })).statusCode).toBe(200);
  });
});
