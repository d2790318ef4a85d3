import { execFileSync, spawn } from "node:child_process";
import { basename, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { startServer, type RunningServer } from "../scripts/lib/jupyter-server";
import { ROOT } from "../scripts/lib/pipeline";
import { codeCells, NotebookSession, problems, scratchNotebooks, type CellResult } from "./e2e/kernel-client";

// Live tests: JupyterLab's server from the project venv on 127.0.0.1, a kernel session per notebook through
// @jupyterlab/services (the client JupyterLab itself uses).
const dir = scratchNotebooks();
const books = execFileSync("ls", [dir], { encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".ipynb"));
let server: RunningServer | undefined;

test.before(async () => {
  server = await startServer(dir);
});
test.after(async () => {
  await server?.stop();
});

async function runAll(s: NotebookSession, cells: string[], label: string): Promise<CellResult[]> {
  const results: CellResult[] = [];
  for (const [i, code] of cells.entries()) {
    const r = await s.run(code);
    assert.is(r.status, "ok", `${label} cell ${i + 1} (${code.split("\n")[0]}): ${problems(r).join(" | ").slice(0, 400)}`);
    assert.equal(problems(r), [], `${label} cell ${i + 1} printed errors`);
    results.push(r);
  }
  return results;
}

for (const book of books) {
  test(`${book}: every cell runs in order through a live Jupyter server on tslab`, async () => {
    const s = await NotebookSession.open(server!, book);
    try {
      const first = await runAll(s, codeCells(join(dir, book)), book);
      assert.ok(first.flatMap((r) => r.outputs).filter((o) => o.mime === "text/html" && o.text.includes('<img src="data:image/svg+xml')).length >= 3, "charts missing");
    } finally {
      await s.close();
    }
  });
}

test("7_6_rmsprop: re-running training and chart cells, restarting, and interrupting behave as in JupyterLab", async () => {
  const cells = codeCells(join(dir, "7_6_rmsprop.ipynb"));
  const s = await NotebookSession.open(server!, "7_6_rmsprop.ipynb");
  try {
    const first = await runAll(s, cells, "run 1");
    const printed = first.flatMap((r) => r.outputs).filter((o) => o.kind === "stream").map((o) => o.text).join("");
    for (const l of ["Final Loss: 0.6907", "Final Loss: 0.6147", "Final Loss: 0.6372"]) assert.ok(printed.includes(l), `missing ${l}`);

    // the training cell and the loss-chart cell, run a second time out of order: same output
    const training = cells.findIndex((c) => c.includes("const modelSgd = fit("));
    const chart = cells.findIndex((c) => c.startsWith("rms.show.showChart(rms.plots.lossCurvesChart(["));
    assert.ok(training >= 0 && chart > training, "training/chart cells not found");
    for (const i of [training, chart, training]) {
      const again = await s.run(cells[i]!);
      assert.equal(again, first[i], `cell ${i + 1} gave a different output when re-run`);
    }

    // restart, run all again: byte-identical outputs
    await s.kernel.restart();
    const second = await runAll(s, cells, "after restart");
    for (const [i, r] of second.entries()) assert.equal(r, first[i], `cell ${i + 1} differs after a restart`);

    // a deliberately endless cell, interrupted: the kernel stays usable and keeps its state
    const endless = s.run("{ const started = Date.now(); while (Date.now() - started < 120_000) {} }");
    await new Promise((r) => setTimeout(r, 1500));
    const t = Date.now();
    await s.kernel.interrupt();
    const stopped = await endless;
    assert.is(stopped.status, "error");
    assert.ok(Date.now() - t < 10_000, "interrupt took too long");
    assert.match(problems(stopped).join(""), /interrupted by `SIGINT`/);
    const after = await s.run("console.log(`${epochs} ${rms.text.fixed(rms.text.last(modelRmsprop.losses))}`)");
    assert.is(after.status, "ok");
    assert.equal(after.outputs.map((o) => o.text), ["2000 0.6372\n"]);
  } finally {
    await s.close();
  }
});

test("the server and its kernels are gone after stop (by process group, bounded time)", async () => {
  const pid = server!.pid;
  await server!.stop();
  const alive = (() => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  })();
  assert.is(alive, false, `process group ${pid} still alive`);
  server = undefined;
  assert.ok(basename(dir).startsWith("live-notebooks-"));
});

test("npm start: JupyterLab 4 from the venv on notebooks/, on 127.0.0.1, with a token, its URL printed", async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn("npm", ["start"], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  proc.stdout!.on("data", (d: Buffer) => (printed += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (printed += d.toString()));
  try {
    const deadline = Date.now() + 60_000;
    let url: RegExpExecArray | null = null;
    // the whole line: the URL and its token, up to the end of the line
    while (!(url = /(http:\/\/127\.0\.0\.1:(\d+)\/lab\?token=([0-9a-f]+))\s/.exec(printed)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(url, `no URL printed:\n${printed.slice(-2000)}`);
    const [, , actualPort, token] = url!;
    assert.is(Number(actualPort), port);
    const get = async (path: string, withToken = true) => {
      try {
        return await fetch(`http://127.0.0.1:${port}${path}`, withToken ? { headers: { Authorization: `token ${token}` } } : {});
      } catch (e) {
        throw new Error(`GET ${path}: ${String((e as Error).cause ?? e)}; the server printed:\n${printed.slice(-2000)}`, { cause: e });
      }
    };
    assert.is((await get("/api/contents", false)).status, 403, "the server should want its token");
    const version = (await (await get("/api/status")).json()) as unknown;
    assert.ok(version, "no status");
    const lab = await (await get("/lab")).text();
    assert.match(lab, /"appVersion": "4\.6\.\d+"/);
    const specs = (await (await get("/api/kernelspecs")).json()) as { kernelspecs: Record<string, { spec: { display_name: string } }> };
    assert.is(specs.kernelspecs.tslab?.spec.display_name, "TypeScript (tslab, rmsprop-notebooks)");
    const files = (await (await get("/api/contents")).json()) as { content: { name: string }[] };
    assert.ok(files.content.some((f) => f.name === "7_6_rmsprop.ipynb"), "not serving notebooks/");
    assert.match(printed, /jupyter_server \d|Jupyter Server \d/);
  } finally {
    try {
      process.kill(-proc.pid!, "SIGTERM");
    } catch {
      // gone already
    }
  }
});

test.run();
