/** A small client over @jupyterlab/services (what JupyterLab uses) for the live-server tests. */
import { mkdtempSync, readFileSync, symlinkSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { KernelManager, ServerConnection, SessionManager, type Kernel, type KernelMessage, type Session } from "@jupyterlab/services";
import WebSocket from "ws";
import { notebooks, ROOT } from "../../scripts/lib/pipeline";
import type { RunningServer } from "../../scripts/lib/jupyter-server";

/**
 * Copies of notebooks (by default the series) in a fresh folder, with a link to `node_modules` (where the kernel finds
 * the library, "rmsprop-notebooks"): a UI's autosave or checkpoint never touches the repository's files.
 */
export function scratchNotebooks(files: readonly string[] = notebooks()): string {
  const dir = mkdtempSync(join(tmpdir(), "live-notebooks-"));
  for (const nb of files) copyFileSync(nb, join(dir, basename(nb)));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

export interface CellOutput {
  readonly kind: "stream" | "display" | "error";
  readonly name?: string;
  readonly mime?: string;
  readonly text: string;
}

export interface CellResult {
  readonly status: string;
  readonly outputs: CellOutput[];
}

/** One notebook session on a running server. */
export class NotebookSession {
  private constructor(private readonly managers: { kernels: KernelManager; sessions: SessionManager }, readonly session: Session.ISessionConnection) {}

  static async open(server: RunningServer, path: string): Promise<NotebookSession> {
    const serverSettings = ServerConnection.makeSettings({
      baseUrl: server.baseUrl, wsUrl: server.wsUrl, token: server.token, appendToken: true,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const kernels = new KernelManager({ serverSettings });
    const sessions = new SessionManager({ kernelManager: kernels, serverSettings });
    const session = await sessions.startNew({ path, type: "notebook", name: path, kernel: { name: "tslab" } });
    return new NotebookSession({ kernels, sessions }, session);
  }

  get kernel(): Kernel.IKernelConnection {
    return this.session.kernel!;
  }

  /**
   * Execute code; outputs in order, a display updated in place keeping only its last content. `stopOnError` as a
   * notebook cell sends it (JupyterLab does; @jupyterlab/services' own default is false).
   */
  async run(code: string, stopOnError = true): Promise<CellResult> {
    const outputs: CellOutput[] = [];
    const byDisplayId = new Map<string, number>();
    const future = this.kernel.requestExecute({ code, stop_on_error: stopOnError });
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      const t = msg.header.msg_type;
      const c = msg.content as { name?: string; text?: string; data?: Record<string, string>; transient?: { display_id?: string }; ename?: string; evalue?: string };
      if (t === "stream") outputs.push({ kind: "stream", name: c.name, text: c.text ?? "" });
      else if (t === "error") outputs.push({ kind: "error", text: `${c.ename}: ${c.evalue}` });
      else if (t === "display_data" || t === "update_display_data" || t === "execute_result") {
        const mime = ["text/html", "text/markdown", "text/plain"].find((m) => c.data?.[m] !== undefined) ?? "none";
        const out: CellOutput = { kind: "display", mime, text: c.data?.[mime] ?? "" };
        const id = c.transient?.display_id;
        if (id !== undefined && byDisplayId.has(id)) {
          if (t === "update_display_data" || t === "display_data") outputs[byDisplayId.get(id)!] = out;
        } else if (t !== "update_display_data") {
          if (id !== undefined) byDisplayId.set(id, outputs.length);
          outputs.push(out);
        }
      }
    };
    const reply = await future.done;
    return { status: (reply.content as { status: string }).status, outputs };
  }

  async close(): Promise<void> {
    await this.session.shutdown();
    this.managers.sessions.dispose();
    this.managers.kernels.dispose();
  }
}

/** The code cells of a notebook file, in order. */
export function codeCells(path: string): string[] {
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

/** stderr or error outputs: how tslab reports a failing cell. */
export function problems(r: CellResult): string[] {
  return r.outputs.filter((o) => o.kind === "error" || (o.kind === "stream" && o.name === "stderr")).map((o) => o.text);
}
