import { formatFixed } from "../format";
import { escapeXml } from "../plots/figure";

export type Cell = string | number | boolean | null | undefined;

/** A DataFrame-like object: what danfojs-node's `DataFrame` exposes and we read. */
export interface FrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly Cell[])[] | readonly Cell[];
}

export interface TableOptions {
  /** decimals per column for numbers (default: shortest round-trip text) */
  readonly decimals?: Readonly<Record<string, number>>;
  readonly caption?: string;
}


/** An HTML <table> of a DataFrame, numbers right-aligned and formatted like Python's `:.Nf`. */
export function frameToHtml(df: FrameLike, options: TableOptions = {}): string {
  const rows = (df.values.length > 0 && !Array.isArray(df.values[0]) ? [df.values] : df.values) as readonly (readonly Cell[])[];
  const cell = (v: Cell, col: string) => {
    if (typeof v === "number") {
      const d = options.decimals?.[col];
      return `<td style="text-align: right; font-variant-numeric: tabular-nums;">${d === undefined ? String(v) : formatFixed(v, d)}</td>`;
    }
    return `<td style="text-align: left;">${escapeXml(v === null || v === undefined ? "" : String(v))}</td>`;
  };
  const head = df.columns.map((c) => `<th style="text-align: left;">${escapeXml(c)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((v, i) => cell(v, df.columns[i]!)).join("")}</tr>`).join("\n");
  const caption = options.caption ? `<caption style="caption-side: top; text-align: left; font-weight: bold;">${escapeXml(options.caption)}</caption>` : "";
  return `<table class="results-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Decimals of a results table's columns. */
export const RESULT_DECIMALS = { "final loss": 4, "final accuracy": 4, "best accuracy": 4 } as const;
