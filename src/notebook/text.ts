/** Small formatting helpers for the numbers notebooks print (the cells call these instead of defining their own). */
import { formatFixed } from "../format";

/** x with `digits` decimals, as Python's `f"{x:.4f}"`. */
export function fixed(x: number, digits = 4): string {
  return formatFixed(x, digits);
}

/** A share as a percentage: 0.5533 → "55.3%". */
export function percent(share: number, digits = 1): string {
  return `${formatFixed(100 * share, digits)}%`;
}

/** Scientific notation: 1.1e-5. */
export function sci(x: number, digits = 2): string {
  return x.toExponential(digits);
}

/** The last value of a series (NaN when it is empty). */
export function last(values: ArrayLike<number>): number {
  return values.length > 0 ? values[values.length - 1]! : Number.NaN;
}

/** The largest value of a series, without spreading it into arguments (series have thousands of values). */
export function largest(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) m = Math.max(m, values[i]!);
  return m;
}

/** The smallest value of a series. */
export function smallest(values: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < values.length; i++) m = Math.min(m, values[i]!);
  return m;
}

/** A Markdown bullet list of these lines. */
export function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join("\n");
}

/**
 * Items ranked from the smallest value: "**A** 0.5512 < **B** 0.6081 ≈ **C** 0.6081 = **D** 0.6081", with ≈ where
 * the values print the same and = where they are the same number.
 */
export function ranking(items: readonly { readonly label: string; readonly value: number }[], digits = 4): string {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  return sorted.map((it, i) => {
    const prev = sorted[i - 1];
    const sep = !prev ? "" : prev.value === it.value ? " = " : fixed(prev.value, digits) === fixed(it.value, digits) ? " ≈ " : " < ";
    return `${sep}**${it.label}** ${fixed(it.value, digits)}`;
  }).join("");
}
