import { describe, expect, it } from "vitest";
import { fieldProblemInWords, Unreadable } from "../components/forms/field-words.ts";
import { problemsInWords } from "./words-for-people.ts";

describe("the API's refusals in sentences", () => {
  it("names each field as a person would and ends each sentence", () => {
    expect(
      problemsInWords([
        { path: "body.amountPence", message: "must not be zero (a credit note is negative)" },
        { path: "query.financialYear", message: "must look like 2024/25" },
        { path: "body.costLineId", message: "is not one of your programme's lines." },
      ]),
    ).toBe(
      "Amount must not be zero (a credit note is negative). Financial year must look like 2024/25. Cost line is not one of your programme's lines.",
    );
  });

  it("says again what would puzzle someone", () => {
    expect(problemsInWords([{ path: "body.role", message: "this is the last active administrator" }])).toBe(
      "This is the last active administrator. Make someone else an administrator before changing this account.",
    );
  });
});

describe("a field's problem in words", () => {
  it("tells what to type when the text could not be read", () => {
    expect(fieldProblemInWords(new Unreadable("money"), "Expected number")).toBe(
      "must be an amount of money, like £1,234.56 or 1234",
    );
    expect(fieldProblemInWords(new Unreadable("date"), "Invalid")).toBe("must be a real date, for example 27 3 2026");
    expect(fieldProblemInWords("", "must be a date (YYYY-MM-DD)")).toBe("must include a day, a month and a year");
  });

  it("shows a date in a message as the app shows dates", () => {
    expect(fieldProblemInWords("2026-04-01", "must not be before 2026-04-01")).toBe("must not be before 1 Apr 2026");
  });
});
