/**
 * Deno's Jupyter kernel (2.8.2 and later, its kernel written in JavaScript) reports a cell done before its output is
 * out: the REPL thread queues each `console.log` line for the kernel thread, which publishes the queue one message at
 * a time while it already sends `execute_reply` and `status: idle`. A client stops listening to a cell at its idle
 * (nbclient, JupyterLab), so a cell that prints ten lines showed four; a line that came later still went to the next
 * cell. Here the library waits, at the end of every cell, until the queue is out: Deno's kernel ends a successful
 * cell by awaiting `Deno[Deno.internal].jupyter.broadcastResult` (its `Out[n]`) before the reply, so that call is
 * wrapped to send a marker through the same queue and to wait until the marker is published, watched on the kernel's
 * IOPub socket like any client. Everything queued before the marker is then published before the idle.
 * A cell that throws ends without that call: lines it printed before the error can still arrive after it.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";

/** The part of `Deno.jupyter` used here. */
export interface DenoBroadcast {
  broadcast(type: string, content: Record<string, unknown>, extra?: { metadata?: Record<string, unknown> }): Promise<void> | void;
}

/** The metadata key of the library's markers (clients ignore metadata they do not know). */
const MARK = "rmsprop-notebooks/flushed";
/**
 * How long a cell's end waits for its marker at most (the queue ahead of it may hold many lines and charts, on a
 * busy machine); a closed connection ends the wait at once.
 */
const WAIT_MS = 30_000;

/** `--conn FILE` of this process's command line: the kernel's connection file. */
function connectionFile(): string | undefined {
  let args: string[] = [];
  try {
    args = fs.readFileSync("/proc/self/cmdline", "utf8").split("\0");
  } catch {
    try {
      args = execFileSync("ps", ["-ww", "-o", "args=", "-p", String(process.pid)], { encoding: "utf8" }).trim().split(/\s+/);
    } catch {
      return undefined;
    }
  }
  const i = args.indexOf("--conn");
  return i >= 0 ? args[i + 1] : undefined;
}

/** A ZMTP 3.0 greeting with the NULL mechanism, as a client's. */
function greeting(): Buffer {
  const b = Buffer.alloc(64);
  b[0] = 0xff;
  b[9] = 0x7f;
  b[10] = 3;
  b.write("NULL", 12, "ascii");
  return b;
}

/** A ZMTP frame: flags (more, long, command), size, body. */
function frame(body: Buffer, command = false): Buffer {
  const flags = (command ? 0x04 : 0) | (body.length > 255 ? 0x02 : 0);
  const head = body.length > 255 ? Buffer.alloc(9) : Buffer.alloc(2);
  head[0] = flags;
  if (body.length > 255) head.writeBigUInt64BE(BigInt(body.length), 1);
  else head[1] = body.length;
  return Buffer.concat([head, body]);
}

/** READY with Socket-Type SUB. */
function ready(): Buffer {
  const name = Buffer.from("READY");
  const prop = Buffer.from("Socket-Type");
  const value = Buffer.from("SUB");
  const size = Buffer.alloc(4);
  size.writeUInt32BE(value.length);
  return frame(Buffer.concat([Buffer.from([name.length]), name, Buffer.from([prop.length]), prop, size, value]), true);
}

/**
 * A subscriber to the kernel's IOPub socket that reports the library's markers: `seen(token)` resolves when a message
 * whose metadata carries `token` has been published.
 */
class MarkerWatch {
  private buffer = Buffer.alloc(0);
  private greeted = false;
  private parts: Buffer[] = [];
  private readonly waiting = new Map<string, () => void>();
  private readonly socket: net.Socket;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port });
    this.socket.on("connect", () => this.socket.write(greeting()));
    this.socket.on("data", (chunk: Buffer) => this.read(chunk));
    this.socket.on("error", () => this.close());
    this.socket.on("close", () => this.close());
    this.socket.unref();
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  seen(token: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(token, resolve));
  }

  forget(token: string): void {
    this.waiting.delete(token);
  }

  private close(): void {
    this.socket.destroy();
    for (const resolve of this.waiting.values()) resolve();
    this.waiting.clear();
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    if (!this.greeted) {
      if (this.buffer.length < 64) return;
      this.buffer = this.buffer.subarray(64);
      this.greeted = true;
      // READY, then a subscription to every message (ZMTP 3.0: a message of 0x01 and the topic, here empty)
      this.socket.write(Buffer.concat([ready(), frame(Buffer.from([1]))]));
    }
    for (;;) {
      if (this.buffer.length < 2) return;
      const flags = this.buffer.readUInt8(0);
      const long = (flags & 0x02) !== 0;
      const head = long ? 9 : 2;
      if (this.buffer.length < head) return;
      const size = long ? Number(this.buffer.readBigUInt64BE(1)) : this.buffer.readUInt8(1);
      if (this.buffer.length < head + size) return;
      const body = this.buffer.subarray(head, head + size);
      this.buffer = this.buffer.subarray(head + size);
      if (flags & 0x04) continue; // a command (the kernel's READY)
      this.parts.push(body);
      if (flags & 0x01) continue; // more parts follow
      this.message(this.parts);
      this.parts = [];
    }
  }

  /** [topic…, "<IDS|MSG>", signature, header, parent header, metadata, content, buffers…] */
  private message(parts: readonly Buffer[]): void {
    const delimiter = parts.findIndex((p) => p.toString("latin1") === "<IDS|MSG>");
    const metadata = parts[delimiter + 4];
    if (delimiter < 0 || metadata === undefined || !metadata.includes(MARK)) return;
    try {
      const token = (JSON.parse(metadata.toString("utf8")) as Record<string, unknown>)[MARK];
      if (typeof token !== "string") return;
      this.waiting.get(token)?.();
      this.waiting.delete(token);
    } catch {
      // not ours
    }
  }
}

interface ReplInternals {
  jupyter?: { broadcastResult?: (count: number, result: unknown) => Promise<void> };
}

let installed = false;

/**
 * Make Deno's kernel publish a cell's output before it reports the cell done (see the file's comment). Called once
 * when the library is loaded in Deno's kernel; does nothing where the kernel is not the one described there.
 */
export function orderDenoOutput(jupyter: DenoBroadcast): void {
  if (installed) return;
  installed = true;
  const deno = (globalThis as { Deno?: Record<symbol, unknown> & { internal?: symbol } }).Deno;
  const internals = deno?.internal === undefined ? undefined : (deno[deno.internal] as ReplInternals | undefined);
  const repl = internals?.jupyter;
  const original = repl?.broadcastResult;
  const file = connectionFile();
  if (!repl || typeof original !== "function" || file === undefined) return;
  let watch: MarkerWatch;
  try {
    const info = JSON.parse(fs.readFileSync(file, "utf8")) as { ip: string; iopub_port: number; transport?: string };
    if ((info.transport ?? "tcp") !== "tcp") return;
    watch = new MarkerWatch(info.ip === "0.0.0.0" ? "127.0.0.1" : info.ip, info.iopub_port);
  } catch {
    return;
  }
  const session = Math.random().toString(36).slice(2, 10);
  let markers = 0;
  /** Send a marker through the kernel's queue (as a `status: busy`, which the cell is) and wait until it is out. */
  const flushed = async (ms: number): Promise<boolean> => {
    if (!watch.open) return false;
    const token = `${session}-${++markers}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const seen = watch.seen(token).then(() => true);
    await jupyter.broadcast("status", { execution_state: "busy" }, { metadata: { [MARK]: token } });
    const ok = await Promise.race([seen, late]);
    clearTimeout(timer);
    watch.forget(token);
    return ok;
  };
  // Until the kernel has taken the subscription, a marker is lost: the first cells probe with growing waits.
  let subscribed = false;
  const cellEnd = async (): Promise<void> => {
    if (subscribed) {
      await flushed(WAIT_MS);
      return;
    }
    for (let ms = 50; ms <= 1600 && watch.open; ms *= 2) {
      if (await flushed(ms)) {
        subscribed = true;
        return;
      }
    }
  };
  repl.broadcastResult = async function (this: unknown, count: number, result: unknown): Promise<void> {
    await original.call(this, count, result);
    await cellEnd();
  };
}
