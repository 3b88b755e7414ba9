import { formatPence } from "@fundline/domain";
import {
  SPEND_IMPORT_FIELDS,
  type SpendColumnMapping,
  type SpendImportField,
  type SpendImportResult,
} from "@fundline/schemas";
import { useReducer } from "react";
import { useImportMappings, useRunSpendImport } from "../api/spend-import.ts";

export const FIELDS = Object.entries(SPEND_IMPORT_FIELDS) as [SpendImportField, { label: string; required: boolean }][];

/** Where one import stands: what was chosen, how far it has got, what the check found, what to say. */
type ImportState = {
  sourceName: string;
  file: File | null;
  mapping: Partial<SpendColumnMapping>;
  progress: { percent: number; text: string } | null;
  preview: SpendImportResult | null;
  /** The last import written, for what it set aside to stay on screen. */
  imported: SpendImportResult | null;
  message: string;
};

type ImportEvent =
  | { type: "source chosen"; sourceName: string; savedMapping?: SpendColumnMapping }
  | { type: "file chosen"; file: File | null }
  | { type: "column chosen"; field: SpendImportField; header: string | undefined }
  | { type: "sent" }
  | { type: "progress"; percent: number; text: string }
  | { type: "answered"; result: SpendImportResult }
  | { type: "failed"; message: string };

export const START: ImportState = {
  sourceName: "",
  file: null,
  mapping: {},
  progress: null,
  preview: null,
  imported: null,
  message: "",
};

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** How one import moves on, event by event (pure: the page keeps no other state). */
export function nextImportState(state: ImportState, event: ImportEvent): ImportState {
  switch (event.type) {
    case "source chosen":
      return { ...state, sourceName: event.sourceName, mapping: event.savedMapping ?? state.mapping };
    case "file chosen":
      return { ...state, file: event.file, preview: null, imported: null };
    case "column chosen":
      return { ...state, mapping: { ...state.mapping, [event.field]: event.header } };
    case "sent":
      return state.file
        ? { ...state, progress: { percent: 0, text: "Sending the file…" } }
        : { ...state, message: "Choose the ledger file first." };
    case "progress":
      return { ...state, progress: { percent: event.percent, text: event.text } };
    case "failed":
      return { ...state, progress: null, message: event.message };
    case "answered":
      return answered(state, event.result);
  }
}

function answered(state: ImportState, result: SpendImportResult): ImportState {
  // With a mapping that no longer fits, the suggestion keeps each field that still does.
  const mapping = result.mapping ?? (result.suggestedMapping as Partial<SpendColumnMapping>);
  if (result.batch) {
    return {
      ...state,
      mapping,
      progress: null,
      preview: null,
      imported: result,
      message: `Imported ${count(result.batch.rowCount)} rows, ${formatPence(result.batch.totalPence)}, from ${result.fileName}.${
        result.skipped === 0
          ? ""
          : ` ${count(result.setAside)} ${result.setAside === 1 ? "row was" : "rows were"} set aside and ${count(result.unmatched)} wait${result.unmatched === 1 ? "s" : ""} for ${result.unmatched === 1 ? "its" : "their"} code to be matched to a cost line: both are listed below.`
      }`,
    };
  }
  const stale = result.mappingProblems.length;
  return {
    ...state,
    mapping,
    progress: null,
    preview: result,
    imported: null,
    message: result.mapping
      ? `Checked ${count(result.rows)} rows: ${count(result.importable)} can be imported, ${count(result.skipped)} would be skipped.`
      : stale > 0
        ? `The column mapping does not fit this file: ${stale} ${stale === 1 ? "column it names is" : "columns it names are"} missing. Choose ${stale === 1 ? "it" : "them"} below (marked), then check the file again.`
        : "Choose which column holds each field, then check the file again.",
  };
}

const PHASE_WORDS = { reading: "Reading", checking: "Checking", writing: "Writing" } as const;

/** One spend import, from choosing the ledger to the answer: a check first, then the import. */
export function useSpendImport() {
  const [state, dispatch] = useReducer(nextImportState, START);
  const mappings = useImportMappings();
  const runImport = useRunSpendImport();
  const complete = FIELDS.every(([field, { required }]) => !required || state.mapping[field]);

  const send = (mode: "preview" | "commit") => {
    dispatch({ type: "sent" });
    if (!state.file) return;
    runImport.mutate(
      {
        upload: {
          file: state.file,
          mode,
          sourceName: state.sourceName,
          mapping: complete ? (state.mapping as SpendColumnMapping) : null,
          ...(mode === "commit" && state.preview ? { expectedSha256: state.preview.fileSha256 } : {}),
        },
        onProgress: (event) =>
          dispatch({
            type: "progress",
            percent: event.percent,
            text: `${PHASE_WORDS[event.phase]}: ${count(event.rowsRead)} rows`,
          }),
      },
      {
        onSuccess: (result) => dispatch({ type: "answered", result }),
        onError: (error) => dispatch({ type: "failed", message: error.message }),
      },
    );
  };

  return {
    ...state,
    savedSources: mappings.data?.mappings.map((entry) => entry.sourceName) ?? [],
    busy: runImport.isPending,
    chooseSource: (sourceName: string) =>
      dispatch({
        type: "source chosen",
        sourceName,
        savedMapping: mappings.data?.mappings.find((entry) => entry.sourceName === sourceName)?.mapping,
      }),
    chooseFile: (file: File | null) => dispatch({ type: "file chosen", file }),
    chooseColumn: (field: SpendImportField, header: string | undefined) =>
      dispatch({ type: "column chosen", field, header }),
    check: () => send("preview"),
    commit: () => send("commit"),
  };
}
