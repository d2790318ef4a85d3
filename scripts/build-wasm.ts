/**
 * Write src/nn/mlp-simd-bytes.ts: src/nn/mlp-simd.wat assembled (the MLP's SIMD kernels), as base64, so the
 * library loads it the same way in Node, in the tslab kernel and in the browser's playground bundle.
 *   npm run wasm   (after editing the .wat; test/simd.test.ts fails until it is run)
 */
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { assembleMlpSimd, BYTES_MODULE, bytesModule, ROOT } from "./lib/wasm";

void assembleMlpSimd().then((bytes) => {
  writeFileSync(BYTES_MODULE, bytesModule(bytes));
  console.log(`wrote ${relative(ROOT, BYTES_MODULE)}: ${bytes.length} bytes of WebAssembly`);
});
