/**
 * The README's first command, run as a user without root on a fresh clone, with nothing installed for it: npm and
 * pip fetch everything from the registries into the clone (node_modules, .venv) and the handouts are built.
 * Under root (as in CI) the test makes an ordinary user for it; otherwise it runs as the current user.
 * It clones what is committed (HEAD).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../scripts/lib/pipeline";

const USER = "rmsprop-learner";
const asRoot = process.getuid?.() === 0;

/** The first command of the README's first code block. */
function firstReadmeCommand(): string {
  const block = /```bash\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  assert.ok(block, "README has no bash block");
  return block![1]!.split("\n")[0]!.replace(/#.*$/, "").trim();
}

/** An ordinary user (no root, no sudo) with a home of its own; made once, when running as root. */
function learner(): { uid: number; gid: number; home: string } {
  if (spawnSync("id", ["-u", USER]).status !== 0) execFileSync("useradd", ["--create-home", "--shell", "/bin/bash", USER]);
  const [uid, gid] = ["-u", "-g"].map((f) => Number(execFileSync("id", [f, USER], { encoding: "utf8" })));
  return { uid: uid!, gid: gid!, home: execFileSync("bash", ["-c", `echo ~${USER}`], { encoding: "utf8" }).trim() };
}

test("the README's first command, as an unprivileged user on a fresh clone: set-up without root, then handouts", () => {
  const command = firstReadmeCommand();
  assert.is(command, "npm run handouts");
  const who = asRoot ? learner() : { uid: process.getuid!(), gid: process.getgid!(), home: process.env.HOME ?? tmpdir() };
  assert.is.not(who.uid, 0);
  const work = mkdtempSync(join(asRoot ? who.home : tmpdir(), "fresh-clone-"));
  const clone = join(work, "rmsprop");
  try {
    execFileSync("git", ["clone", "--quiet", ROOT, clone]);
    if (asRoot) execFileSync("chown", ["-R", `${who.uid}:${who.gid}`, work]);
    // a login-like environment: no variables of this session, only the system's PATH and the user's home
    const env = ["HOME=" + who.home, "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "USER=" + (asRoot ? USER : process.env.USER ?? "")];
    const run = ["env", "-i", ...env, "bash", "-c", `cd ${JSON.stringify(clone)} && id -u && ${command}`];
    const t = Date.now();
    const r = asRoot ? spawnSync("runuser", ["-u", USER, "--", ...run], { encoding: "utf8" }) : spawnSync(run[0]!, run.slice(1), { encoding: "utf8" });
    const seconds = ((Date.now() - t) / 1000).toFixed(0);
    assert.is(r.status, 0, `${command} failed as uid ${who.uid}:\n${(r.stdout + r.stderr).slice(-3000)}`);
    assert.is(r.stdout.split("\n")[0], String(who.uid), "did not run as the unprivileged user");
    assert.match(r.stdout, /\[setup\] installing npm dependencies \(npm ci\)/);
    assert.match(r.stdout, /\[setup\] creating the project virtualenv \.venv/);
    assert.not.match(r.stdout + r.stderr, /apt-get|sudo/);
    const handouts = readdirSync(join(clone, "build", "handouts"));
    const notebooks = readdirSync(join(clone, "notebooks")).filter((f) => f.endsWith(".ipynb"));
    assert.is(handouts.length, 2 * notebooks.length, handouts.join(", "));
    for (const f of [...handouts.map((h) => join(clone, "build", "handouts", h)), join(clone, ".venv", "bin", "jupyter-lab")]) {
      assert.ok(existsSync(f), f);
      assert.is(statSync(f).uid, who.uid, `${f} is not the user's`);
    }
    console.log(`  (${command} as uid ${who.uid} on a fresh clone: ${seconds} s, with the npm and PyPI downloads)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
