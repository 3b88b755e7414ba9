/** Links that download a list as CSV or XLSX (every row matching `path`'s filters). */
export function DownloadLinks({ path, what }: { path: string; what: string }) {
  const join = path.includes("?") ? "&" : "?";
  return (
    <p className="downloads">
      Download {what}:{" "}
      <a href={`${path}${join}format=csv`}>
        CSV<span className="visually-hidden"> file of {what}</span>
      </a>
      {" · "}
      <a href={`${path}${join}format=xlsx`}>
        Excel (XLSX)<span className="visually-hidden"> file of {what}</span>
      </a>
    </p>
  );
}
