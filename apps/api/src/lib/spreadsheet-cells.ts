// Cells Fundline writes into files people open in spreadsheets (list downloads, the
// Transparency export).

// A spreadsheet would run text starting =, +, - or @ as a formula (CSV injection); money and
// other numbers are left as they are.
export function guardFormula(cell: string | number | boolean): string | number | boolean {
  return typeof cell === "string" && /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}
