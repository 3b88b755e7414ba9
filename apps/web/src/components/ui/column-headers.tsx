/**
 * A table's header row: each column named, figures' columns (`{ figures: "Spent" }`) right-aligned
 * to line up with their figures.
 */
export function ColumnHeaders({ columns }: { columns: readonly (string | { figures: string })[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.figures} scope="col" className="money">
              {column.figures}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
