/**
 * danfojs-node, the series' pandas, loaded once and taught to show itself: a DataFrame or Series as a cell's last
 * value is the HTML table `showTable` makes (Jupyter's display protocol, see ./jupyter). The types below are the
 * part of danfojs a learner uses on a results table (sort, filter, group); they are declared here rather than
 * imported so the notebook kernel's TypeScript never loads danfojs' and TensorFlow.js' declaration files.
 */
import { DISPLAY, type MimeBundle } from "./jupyter";
import { frameToHtml, RESULT_DECIMALS, type Cell, type FrameLike } from "./table";

/** A danfojs Series: one column. */
export interface Series extends FrameLike {
  readonly index: readonly (string | number)[];
  readonly values: readonly Cell[];
  gt(other: number | Series): Series;
  ge(other: number | Series): Series;
  lt(other: number | Series): Series;
  le(other: number | Series): Series;
  eq(other: Cell | Series): Series;
  ne(other: Cell | Series): Series;
  and(other: Series | readonly boolean[]): Series;
  or(other: Series | readonly boolean[]): Series;
  mean(): number;
  std(): number;
  min(): number;
  max(): number;
  sum(): number;
  count(): number;
}

/** danfojs' `groupby(columns)`: aggregate each group's other columns (the names become `column_mean`, …). */
export interface GroupBy {
  col(columns: readonly string[]): GroupBy;
  agg(ops: Readonly<Record<string, string | readonly string[]>>): DataFrame;
  mean(): DataFrame;
  std(): DataFrame;
  min(): DataFrame;
  max(): DataFrame;
  sum(): DataFrame;
  count(): DataFrame;
}

/** A danfojs DataFrame: the results tables of the library (`runsFrame`, `gridFrame`, …) are these. */
export interface DataFrame extends FrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly Cell[])[];
  readonly index: readonly (string | number)[];
  readonly shape: readonly [number, number];
  column(name: string): Series;
  sortValues(column: string, options?: { readonly ascending?: boolean }): DataFrame;
  query(condition: Series | readonly boolean[]): DataFrame;
  groupby(columns: readonly string[]): GroupBy;
  head(rows?: number): DataFrame;
  tail(rows?: number): DataFrame;
  loc(options: { readonly rows?: readonly (string | number)[] | Series; readonly columns?: readonly string[] }): DataFrame;
  resetIndex(): DataFrame;
  describe(): DataFrame;
  toJSON(options?: { readonly format?: "column" | "row" }): unknown;
  toString(): string;
}

interface Danfo {
  DataFrame: new (data: Record<string, readonly Cell[]>) => DataFrame;
  Series: new (data: readonly Cell[]) => Series;
}

let loaded: Danfo | undefined;

/**
 * danfojs-node, with DataFrame and Series showing as tables. The display method goes on danfojs' base classes
 * once, here (the frames danfojs' operations return are instances of the base DataFrame, not of danfojs-node's
 * subclass). Numbers take the decimals of the results tables by column name (`final loss` to 4 decimals), so a
 * sorted or filtered table looks like the one it came from.
 */
export function danfo(): Danfo {
  if (loaded) return loaded;
  const dfd = require("danfojs-node") as Danfo;
  for (const cls of [dfd.DataFrame, dfd.Series]) {
    const base = Object.getPrototypeOf(cls.prototype) as object;
    const target = base === Object.prototype ? cls.prototype : base;
    Object.defineProperty(target, DISPLAY, { value: showFrame, configurable: true, writable: true });
  }
  loaded = dfd;
  return dfd;
}

/** The display method of a DataFrame or Series (`this`): the HTML table, and danfojs' own text table. */
function showFrame(this: FrameLike): MimeBundle {
  // a Series' values are one column, not one row
  const series = this.values.length > 0 && !Array.isArray(this.values[0]);
  const frame = series ? { columns: this.columns.slice(0, 1), values: this.values.map((v) => [v as Cell]) } : this;
  return { "text/html": frameToHtml(frame, { decimals: decimalsOf(frame.columns) }), "text/plain": String(this) };
}

/**
 * Decimals of a frame's columns: a results column's (`final loss`: 4), and the same for the columns danfojs'
 * `groupby(…).agg(…)` names after it (`final loss_mean`, `final loss_std`); counts stay whole.
 */
function decimalsOf(columns: readonly string[]): Record<string, number> {
  const of = RESULT_DECIMALS as Readonly<Record<string, number>>;
  return Object.fromEntries(columns.flatMap((c) => {
    const base = /^(.*)_(mean|std|min|max|median|var|sum)$/.exec(c)?.[1] ?? c;
    const d = of[base];
    return d === undefined ? [] : [[c, d] as const];
  }));
}
