/**
 * Start JupyterLab from the project virtualenv for tests: 127.0.0.1 only, a free port, a random token, and fresh
 * Jupyter folders (config, data, runtime, settings, workspaces) in a temporary directory, so nothing the user has
 * (trusted notebooks, settings, other kernels) leaks in and nothing is written to their home. The project's kernel
 * is found in the venv. `stop()` shuts it down by process group (kernels included) within a bounded time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { jupyterEnv, venvBin } from "./pipeline";

export interface RunningServer {
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly token: string;
  readonly pid: number;
  /** the temporary folder holding this server's Jupyter config, data and settings */
  readonly home: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** JupyterLab settings by plugin id, e.g. { "@jupyterlab/notebook-extension:tracker": { windowingMode: "none" } } */
  readonly settings?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** set `window.jupyterapp` in the page (JupyterLab's own option, used by its UI tests) */
  readonly exposeApp?: boolean;
  readonly timeoutMs?: number;
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
    if (proc.exitCode !== null) throw new Error(`jupyter lab exited with code ${proc.exitCode} before answering`);
    try {
      const r = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`jupyter lab did not answer on ${url} within ${timeoutMs} ms`);
}

/** Write JupyterLab user settings as the settings editor would: one file per plugin. */
function writeSettings(dir: string, settings: NonNullable<ServerOptions["settings"]>): void {
  for (const [id, values] of Object.entries(settings)) {
    const [pkg, plugin] = id.split(":");
    const file = join(dir, pkg!, `${plugin}.jupyterlab-settings`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(values, null, 2));
  }
}

export async function startServer(rootDir: string, options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const home = mkdtempSync(join(tmpdir(), "jupyter-home-"));
  const dirs = {
    JUPYTER_CONFIG_DIR: join(home, "config"),
    JUPYTER_DATA_DIR: join(home, "data"),
    JUPYTER_RUNTIME_DIR: join(home, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: join(home, "settings"),
    JUPYTERLAB_WORKSPACES_DIR: join(home, "workspaces"),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  writeSettings(dirs.JUPYTERLAB_SETTINGS_DIR, {
    // no requests to the internet for news or updates (the machines here have none)
    "@jupyterlab/apputils-extension:notification": { fetchNews: "false", checkForUpdates: false },
    ...options.settings,
  });
  const args = ["lab", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--ServerApp.token=${token}`,
    `--ServerApp.root_dir=${rootDir}`, "--ServerApp.open_browser=False"];
  if (options.exposeApp) args.push("--LabApp.expose_app_in_browser=True");
  if (process.getuid?.() === 0) args.push("--allow-root");
  const proc = spawn(venvBin("jupyter"), args, { env: { ...jupyterEnv(), ...dirs }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilUp(baseUrl, token, proc, options.timeoutMs ?? 60_000);
  } catch (e) {
    kill(proc.pid!, "SIGKILL");
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/`,
    token,
    pid: proc.pid!,
    home,
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
