/**
 * The original notebook's printed lines, made from the numbers training returns: training itself prints nothing.
 */
import { formatFixed } from "../format";
import type { FitOptions, FitResult, Progress } from "./fit";

/** `Epoch  200: Loss = 0.6800, Accuracy = 0.5567`, as the original's `fit(verbose=True)` prints every 200 epochs. */
export function epochLine(p: Progress): string {
  return `Epoch ${String(p.epoch).padStart(4)}: Loss = ${formatFixed(p.loss, 4)}, Accuracy = ${formatFixed(p.accuracy, 4)}`;
}

/** Hooks for `fit` that print the original's epoch lines through `log` while it trains. */
export function verboseProgress(log: (line: string) => void): Pick<FitOptions, "onProgress" | "progressEvery"> {
  return { progressEvery: 200, onProgress: (p) => p.epoch % 200 === 0 && log(epochLine(p)) };
}

/** The original's closing lines of a verbose `fit`, or why training stopped early. */
export function completionLines(run: FitResult): string[] {
  if (run.diverged) return [`\n❌ ${run.diverged.message}`];
  const n = run.losses.length;
  return ["\n✅ Training Complete!", `   Final Loss: ${formatFixed(run.losses[n - 1]!, 4)}`, `   Final Accuracy: ${formatFixed(run.accuracies[n - 1]!, 4)}`];
}

/** The original's §7 line for a run, `   Final Loss: 0.6372`, or why it stopped early. */
export function finalLossLine(run: FitResult): string {
  return run.diverged ? `   ❌ ${run.diverged.message}` : `   Final Loss: ${formatFixed(run.losses[run.losses.length - 1]!, 4)}`;
}
