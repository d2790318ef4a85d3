/**
 * The MLP's inner loops for two inputs in WebAssembly SIMD (./mlp-simd.wat): two numbers per instruction, each
 * lane doing exactly what ./mlp.ts's JavaScript loops do, so the numbers are the same bit for bit
 * (test/reference.test.ts). Forward takes two samples per lane pair; backward takes two hidden units, so every
 * sum over samples keeps its order. ./mlp.ts uses them where they load (Node 16.4+ and current Chromium, Firefox
 * and Safari have WebAssembly SIMD), and its JavaScript loops where they do not (an older engine, a page whose
 * content security policy forbids WebAssembly, a memory that cannot be reserved). The output layer's σ needs
 * Math.exp: the module carries a port of V8's, used where it gives this engine's Math.exp on a set of checks when
 * the module loads (else σ stays in JavaScript).
 *
 * Each workspace has its own WebAssembly memory, sized once for its samples and hidden units, and the arrays
 * below are views of it. X is copied in at each pass (2·m numbers, a fraction of a percent of the pass). A
 * workspace that is done gives its kernels back (`release`), and the next workspace of the same size takes them:
 * a new instance per training run cost about 8% of a 10-unit run, its start and calls into a module instance the
 * engine had not seen before.
 */
import type { MLPParams } from "./params";
import { MLP_SIMD_WASM_BASE64 } from "./mlp-simd-bytes";
import { sigmoid } from "./sigmoid";

interface KernelExports {
  output(z2: number, a2: number, mp: number, b2: number): void;
  forward4(x: number, a1: number, z2: number, mp: number, w: number): void;
  forward1(x: number, a1: number, z2: number, mp: number, w: number): void;
  backward2(x: number, a1a: number, a1b: number, dz2: number, dz1: number, m: number, mp: number, w: number,
    out: number): void;
}

const F64 = Float64Array.BYTES_PER_ELEMENT;
const PAGE = 65536;
/**
 * Workspaces larger than this (bytes) use the JavaScript loops. A 32-bit WebAssembly memory holds 4 GiB at most;
 * 2 GiB keeps every byte offset the kernels get a positive i32.
 */
const MAX_BYTES = 2 ** 31;
/** Released kernels kept for reuse: at most POOL_SIZE, each of at most POOL_BYTES (a training run's, not a grid's). */
const pool: SimdKernels[] = [];
const POOL_SIZE = 8;
const POOL_BYTES = 2 ** 20;

let compiled: WebAssembly.Module | null | undefined;
/** whether the module's output layer gives this engine's numbers (see outputAgrees) */
let exact = false;

/** The compiled kernels, or null where this engine cannot compile them (tried once, on first use). */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = Uint8Array.from(atob(MLP_SIMD_WASM_BASE64), (c) => c.charCodeAt(0));
      compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
      exact = compiled !== null && outputAgrees(compiled);
    } catch {
      compiled = null; // e.g. a content security policy without 'wasm-unsafe-eval': the JavaScript loops run
    }
  }
  return compiled;
}

/**
 * Whether the module's output layer gives what `sigmoid` gives with this engine's Math.exp on numbers that take
 * each of exp's paths (k = 0, ±1 and larger; |x| < 2⁻²⁸; x = 1; the clip; NaN; ±∞) and on a spread of others.
 * Node 20's V8 passes; an engine whose exp rounds differently keeps σ in JavaScript (Deno 2.9's V8 15 does: its
 * Math.exp is no longer fdlibm's).
 */
function outputAgrees(module: WebAssembly.Module): boolean {
  const edges = [0, -0, 1, -1, 2 ** -28, 2 ** -29, 0.34657359027997264, 0.3465735903, 1.0397207708399179, 1.03972,
    0.5, 2, 10, 36.7, 100, 499.99, 500, 500.01, 745.2, NaN, Infinity];
  const zs = [...edges, ...edges.map((z) => -z)];
  for (let i = 1; zs.length < 128; i++) zs.push(40 * Math.sin(i * 1.618) * Math.abs(Math.cos(i)) ** 3);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const kernels = new WebAssembly.Instance(module, { mlp: { memory } }).exports as unknown as KernelExports;
  new Float64Array(memory.buffer, 0, zs.length).set(zs);
  const a2 = zs.length * F64;
  kernels.output(0, a2, zs.length, 0);
  const got = new Float64Array(memory.buffer, a2, zs.length);
  return zs.every((z, i) => Object.is(got[i], sigmoid(z)));
}

/**
 * A workspace's memory for n_h hidden units and m samples: rows of mp = m rounded up to even, the byte offset of
 * each array (all multiples of 16, as mp is even), and the size.
 */
function layout(nH: number, m: number) {
  const mp = m + (m % 2);
  const x = 0;
  const a1 = x + 2 * mp * F64;
  const z2 = a1 + nH * mp * F64;
  const dz2 = z2 + mp * F64;
  const dz1 = dz2 + mp * F64;
  const a2 = dz1 + 2 * mp * F64;
  const w = a2 + mp * F64;
  const out = w + 16 * F64;
  return { mp, x, a1, z2, dz2, dz1, a2, w, out, bytes: out + 8 * F64 };
}

export class SimdKernels {
  readonly nH: number;
  readonly m: number;
  /** samples per row in memory: m rounded up to even (the padding sample's x is 0 and its results unused) */
  readonly mp: number;
  /** hidden activations, n_h rows of `mp` */
  readonly A1: Float64Array;
  /** W2·A1 for the m samples */
  readonly Z2: Float64Array;
  /** A2 − Y, filled by the caller before `backward` */
  readonly dZ2: Float64Array;
  /** the last pair of hidden units' dZ1, interleaved */
  readonly dZ1: Float64Array;
  /** the output layer's σ(Z2 + b2), filled by `output` */
  readonly A2: Float64Array;
  private readonly kernels: KernelExports;
  private readonly x: Float64Array;
  private readonly z2Padded: Float64Array;
  private readonly w: Float64Array;
  private readonly out: Float64Array;
  private readonly at: ReturnType<typeof layout>;

  /** Kernels for n_h hidden units and m samples, or undefined where they cannot run (see kernelModule). */
  static create(nH: number, m: number): SimdKernels | undefined {
    const reuse = pool.findIndex((k) => k.nH === nH && k.m === m);
    if (reuse >= 0) return pool.splice(reuse, 1)[0];
    const module = kernelModule();
    const at = layout(nH, m);
    if (!module || at.bytes > MAX_BYTES) return undefined;
    let kernels: KernelExports;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: Math.ceil(at.bytes / PAGE) });
      kernels = new WebAssembly.Instance(module, { mlp: { memory } }).exports as unknown as KernelExports;
    } catch {
      return undefined; // the memory could not be reserved: the JavaScript loops need only their arrays
    }
    return new SimdKernels(kernels, memory, nH, m, at);
  }

  private constructor(kernels: KernelExports, memory: WebAssembly.Memory, nH: number, m: number,
    at: ReturnType<typeof layout>) {
    this.kernels = kernels;
    this.nH = nH;
    this.m = m;
    this.at = at;
    const { mp, x, a1, z2, dz2, dz1, a2, w, out } = at;
    this.mp = mp;
    const view = (offset: number, n: number) => new Float64Array(memory.buffer, offset, n);
    this.x = view(x, 2 * mp);
    this.A1 = view(a1, nH * mp);
    this.z2Padded = view(z2, mp);
    this.Z2 = view(z2, m);
    this.dZ2 = view(dz2, m);
    this.dZ1 = view(dz1, 2 * m);
    this.A2 = view(a2, m);
    this.w = view(w, 16);
    this.out = view(out, 8);
  }

  /**
   * Give these kernels back, for the next workspace of the same size (kept if they are small enough and few are
   * kept). Their arrays are then that workspace's: the caller no longer uses them.
   */
  release(): void {
    if (this.at.bytes > POOL_BYTES || pool.includes(this)) return;
    pool.push(this);
    if (pool.length > POOL_SIZE) pool.shift();
  }

  /** X's two rows as views, kept while the same X comes back (each epoch), so copying it allocates nothing */
  private xRows: { X: Float64Array; x0: Float64Array; x1: Float64Array } | undefined;

  /** Copy X (2 × m, row-major) into the kernels' rows. */
  private loadX(X: Float64Array): void {
    if (this.xRows?.X !== X) this.xRows = { X, x0: X.subarray(0, this.m), x1: X.subarray(this.m, 2 * this.m) };
    this.x.set(this.xRows.x0, 0);
    this.x.set(this.xRows.x1, this.mp);
  }

  /** A1 = ReLU(W1·X + b1) and Z2 = W2·A1: four hidden units per sweep, then one at a time, as ./mlp.ts. */
  forward(p: MLPParams, X: Float64Array): void {
    this.loadX(X);
    this.z2Padded.fill(0);
    const { nH, mp, w, at, kernels } = this;
    const { W1, b1, W2 } = p;
    let h = 0;
    for (; h + 3 < nH; h += 4) {
      for (let k = 0; k < 8; k++) w[k] = W1[2 * h + k]!;
      for (let k = 0; k < 4; k++) {
        w[8 + k] = b1[h + k]!;
        w[12 + k] = W2[h + k]!;
      }
      kernels.forward4(at.x, at.a1 + h * mp * F64, at.z2, mp, at.w);
    }
    for (; h < nH; h++) {
      w[0] = W1[2 * h]!;
      w[1] = W1[2 * h + 1]!;
      w[2] = b1[h]!;
      w[3] = W2[h]!;
      kernels.forward1(at.x, at.a1 + h * mp * F64, at.z2, mp, at.w);
    }
  }

  /**
   * A2 = σ(Z2 + b2) after `forward`, with the module's exp, where that gives this engine's Math.exp (see
   * outputAgrees); false where it does not, and the caller computes A2 itself.
   */
  output(b2: number): boolean {
    if (exact) this.kernels.output(this.at.z2, this.at.a2, this.mp, b2);
    return exact;
  }

  /** dW1, dW2 and db1 into `grads` (dZ2 already filled): two hidden units per sweep, the last odd one alone. */
  backward(p: MLPParams, X: Float64Array, grads: MLPParams, invM: number): void {
    // copied again, not assumed unchanged since forward: the JavaScript loops read X as it is now
    this.loadX(X);
    const { nH, m, mp, w, at, kernels } = this;
    for (let h = 0; h < nH; h += 2) {
      const b = h + 1 < nH ? h + 1 : h; // a last odd unit takes both lanes; lane 1 is then ignored
      w[0] = p.W2[h]!;
      w[1] = p.W2[b]!;
      kernels.backward2(at.x, at.a1 + h * mp * F64, at.a1 + b * mp * F64, at.dz2, at.dz1, m, mp, at.w, at.out);
      this.store(grads, h, 0, invM);
      if (b !== h) this.store(grads, b, 1, invM);
    }
  }

  /** A unit's gradients from lane `lane` of the sums (out: [s0 | s1 | s2 | Σ dZ1], two lanes each). */
  private store(grads: MLPParams, unit: number, lane: number, invM: number): void {
    const out = this.out;
    grads.W1[2 * unit] = invM * out[lane]!;
    grads.W1[2 * unit + 1] = invM * out[2 + lane]!;
    grads.W2[unit] = invM * out[4 + lane]!;
    grads.b1[unit] = invM * out[6 + lane]!;
  }
}
