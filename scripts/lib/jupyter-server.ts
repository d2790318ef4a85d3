/**
 * Start Debian's Jupyter Notebook server for tests: 127.0.0.1 only, a free port, a random token, the repo's
 * kernelspec on JUPYTER_PATH. `stop()` shuts it down by process group (kernels included) within a bounded time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { jupyterEnv, ROOT } from "./pipeline";

export interface RunningServer {
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly token: string;
  readonly pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, token: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`jupyter notebook exited with code ${proc.exitCode} before answering`);
    try {
      const r = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`jupyter notebook did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startServer(notebookDir = join(ROOT, "notebooks"), timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const args = ["notebook", "--no-browser", "--ip", "127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`,
    `--notebook-dir=${notebookDir}`, "--NotebookApp.open_browser=False"];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const proc = spawn("jupyter", args, { env: jupyterEnv(), stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilUp(baseUrl, token, proc, timeoutMs);
  } catch (e) {
    kill(proc.pid!, "SIGKILL");
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/`,
    token,
    pid: proc.pid!,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise<void>((r) => proc.once("exit", () => r()));
      kill(proc.pid!, "SIGTERM");
      const timer = setTimeout(() => kill(proc.pid!, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      kill(proc.pid!, "SIGKILL"); // anything left in the group (a kernel that ignored SIGTERM)
    },
  };
}

/** Signal the whole process group (the server and the kernels it started). */
function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
