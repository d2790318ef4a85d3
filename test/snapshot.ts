import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers";

const DIR = join(ROOT, "test", "snapshots");

/**
 * Compare rendered chart markup with test/snapshots/NAME.EXT, as Observable Plot's own tests do: on a mismatch
 * write NAME-changed.EXT beside it (to diff or to open in a browser) and fail. A missing snapshot is written and
 * the test fails under CI (a snapshot must be reviewed and committed, never made up by the CI run).
 */
export function matchSnapshot(name: string, ext: "svg" | "html", actual: string): void {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `${name}.${ext}`);
  const changed = join(DIR, `${name}-changed.${ext}`);
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    if (process.env.CI) assert.unreachable(`snapshot ${file} was missing (written now; review and commit it)`);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (expected === actual) {
    if (existsSync(changed)) unlinkSync(changed);
    return;
  }
  writeFileSync(changed, actual);
  assert.unreachable(`${name}.${ext} differs from its snapshot: see ${changed}`);
}
