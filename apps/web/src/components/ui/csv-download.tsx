/**
 * Downloads the figures a chart or table shows, exactly as shown, as a CSV file made in the
 * browser (money as pounds with two decimals, as the tables' figures are).
 */
export function CsvDownload({
  what,
  filename,
  columns,
  rows,
}: {
  what: string;
  filename: string;
  columns: string[];
  rows: (string | number)[][];
}) {
  const download = async () => {
    // Loaded on the first download: most visits never make one.
    const { stringify } = await import("csv-stringify/browser/esm/sync");
    const url = URL.createObjectURL(new Blob([stringify([columns, ...rows])], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <p className="downloads no-print">
      <button type="button" className="link-button" onClick={() => void download()}>
        Download {what} (CSV)
      </button>
    </p>
  );
}
