// @vitest-environment jsdom
// The one form pattern, as a person uses it: money and dates typed as people type them reach the
// API as pence and ISO days; what cannot be read is named in the error summary, which takes focus;
// the API's refusal lands on its field; and after a 409 only what this person changed is applied
// to the other person's version.
import { UpdateReceiptRequest } from "@fundline/schemas";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../lib/api-client.ts";
import { DateField, MoneyField, TextField } from "./fields.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "./schema-form.tsx";

const ReceiptChange = UpdateReceiptRequest.extend({
  receivedOn: filledIn(UpdateReceiptRequest.shape.receivedOn),
  amountPence: filledIn(UpdateReceiptRequest.shape.amountPence),
});
type ReceiptChange = typeof ReceiptChange._output;

function ReceiptForm({ onSubmit }: { onSubmit: (values: ReceiptChange) => Promise<unknown> }) {
  const form = useSchemaForm(ReceiptChange, {
    version: 1,
    receivedOn: "2026-04-01",
    amountPence: 1_000_00,
    reference: "REM-1",
  });
  return (
    <SchemaForm form={form} onSubmit={onSubmit} submitLabel="Save receipt" what="receipt">
      <DateField name="receivedOn" label="Date received" />
      <MoneyField name="amountPence" label="Amount" />
      <TextField name="reference" label="Reference (optional)" />
    </SchemaForm>
  );
}

function renderForm(onSubmit: (values: ReceiptChange) => Promise<unknown>) {
  render(
    <MemoryRouter>
      <ReceiptForm onSubmit={onSubmit} />
    </MemoryRouter>,
  );
  return userEvent.setup();
}

async function retype(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string) {
  await user.clear(box);
  if (text) await user.type(box, text);
}

afterEach(cleanup);

describe("money and date fields", () => {
  it.each([
    ["£1,234.56", 123_456],
    ["1234.5", 123_450],
    [" 1,234 ", 123_400],
    ["0.01", 1],
  ])("reads %j as %d pence", async (typed, pence) => {
    const saved = vi.fn(async (_values: ReceiptChange) => undefined);
    const user = renderForm(saved);
    await retype(user, screen.getByLabelText("Amount"), typed);
    await user.click(screen.getByRole("button", { name: "Save receipt" }));
    expect(saved).toHaveBeenCalledTimes(1);
    expect(saved.mock.calls[0]?.[0]).toMatchObject({ amountPence: pence, receivedOn: "2026-04-01", version: 1 });
  });

  it("reads a day, a month and a year as one ISO date", async () => {
    const saved = vi.fn(async (_values: ReceiptChange) => undefined);
    const user = renderForm(saved);
    await retype(user, screen.getByLabelText("Day"), "29");
    await retype(user, screen.getByLabelText("Month"), "2");
    await retype(user, screen.getByLabelText("Year"), "2028");
    await user.click(screen.getByRole("button", { name: "Save receipt" }));
    expect(saved.mock.calls[0]?.[0]).toMatchObject({ receivedOn: "2028-02-29" });
  });
});

describe("the error summary", () => {
  it("names every field it cannot read, links to each, takes focus, and sends nothing", async () => {
    const saved = vi.fn(async (_values: ReceiptChange) => undefined);
    const user = renderForm(saved);
    await retype(user, screen.getByLabelText("Amount"), "12.345");
    await retype(user, screen.getByLabelText("Day"), "30");
    await retype(user, screen.getByLabelText("Month"), "2");
    await user.click(screen.getByRole("button", { name: "Save receipt" }));
    expect(saved).not.toHaveBeenCalled();
    const summary = await screen.findByRole("alert");
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Date received must be a real date, for example 27 3 2026", "#field-receivedOn"],
      ["Amount must be an amount of money, like £1,234.56 or 1234", "#field-amountPence"],
    ]);
    // What was typed stays, so the person corrects it rather than typing it again.
    expect(screen.getByLabelText("Amount")).toHaveProperty("value", "12.345");
  });

  it("puts the API's refusal beside its field, and one it cannot place in the summary", async () => {
    const user = renderForm(async () => {
      throw new ApiError(422, "The receipt was not saved", [
        { path: "amountPence", message: "is more than the £500.00 still to come on this commitment" },
        { path: "commitmentId", message: "this commitment is retired" },
      ]);
    });
    await user.click(screen.getByRole("button", { name: "Save receipt" }));
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link").textContent).toBe(
      "Amount is more than the £500.00 still to come on this commitment",
    );
    expect(within(summary).getByText(/commitmentId: this commitment is retired/).textContent).toBe(
      "The receipt was not saved commitmentId: this commitment is retired",
    );
    expect(screen.getByLabelText("Amount").getAttribute("aria-invalid")).toBe("true");
  });
});

describe("after someone else saved first (409)", () => {
  it("applies only what this person changed to the other version, and saves that", async () => {
    const theirs = { id: "r1", version: 2, receivedOn: "2026-04-02", amountPence: 1_000_00, reference: "REM-2" };
    const saved = vi
      .fn<(values: ReceiptChange) => Promise<unknown>>()
      .mockRejectedValueOnce(new ApiError(409, "This receipt was changed by someone else", [], theirs))
      .mockResolvedValueOnce(undefined);
    const user = renderForm(saved);
    await retype(user, screen.getByLabelText("Amount"), "1,500.00");
    await user.click(screen.getByRole("button", { name: "Save receipt" }));

    const notice = await screen.findByRole("region", {
      name: "Someone else changed this receipt while you were editing it",
    });
    const rows = within(notice)
      .getAllByRole("row")
      .slice(1)
      .map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["Date received", "2 Apr 2026", "1 Apr 2026"],
      ["Amount", "£1,000.00", "£1,500.00"],
      ["Reference (optional)", "REM-2", "REM-1"],
    ]);

    await user.click(within(notice).getByRole("button", { name: "Apply my changes to their version" }));
    expect(saved).toHaveBeenCalledTimes(2);
    // Their date and reference stand; this person's amount is applied, on their version.
    expect(saved.mock.calls[1]?.[0]).toEqual({
      version: 2,
      receivedOn: "2026-04-02",
      amountPence: 1_500_00,
      reference: "REM-2",
    });
  });

  it("can start again from their version instead", async () => {
    const theirs = { id: "r1", version: 3, receivedOn: "2026-05-01", amountPence: 7_00, reference: null };
    const user = renderForm(async () => {
      throw new ApiError(409, "This receipt was changed by someone else", [], theirs);
    });
    await retype(user, screen.getByLabelText("Amount"), "9");
    await user.click(screen.getByRole("button", { name: "Save receipt" }));
    await user.click(await screen.findByRole("button", { name: "Discard mine and show theirs" }));
    expect(screen.getByLabelText("Amount")).toHaveProperty("value", "7.00");
    expect(screen.getByLabelText("Day")).toHaveProperty("value", "1");
    expect(screen.getByLabelText("Month")).toHaveProperty("value", "5");
    expect(screen.getByLabelText("Reference (optional)")).toHaveProperty("value", "");
  });
});
