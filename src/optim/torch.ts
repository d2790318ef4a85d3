/**
 * PyTorch's rounding: torch.optim's tensor calls as its CPU kernels compute them (torch 1.13 on x86-64 with AVX2,
 * Debian's build). The multiply-adds in `add(alpha=)` and `addcmul` are rounded once, as a fused multiply-add;
 * `addcdiv` is θ + (−α·g)/d. JavaScript has no fused multiply-add, so ../fma emulates it exactly. The rules are the
 * same as with NUMPY; only the last bits differ, and they decide where a chaotic run ends up.
 */
import { fma } from "../fma";
import type { Rounding } from "./rounding";

export const TORCH: Rounding = {
  // grad.add(param, alpha=λ)
  addScaled: (g, lambda, theta) => fma(lambda, theta, g),
  // square_avg.mul_(β).addcmul_(g, g, value=1 − β)
  averageSquare: (E, g, beta) => fma((1 - beta) * g, g, beta * E),
  // grad_avg.mul_(β).add_(g, alpha=1 − β)
  average: (M, g, beta) => fma(g, 1 - beta, beta * M),
  // square_avg.addcmul(grad_avg, grad_avg, value=−1)
  minusSquare: (v, m) => fma(-m, m, v),
  // state_sum.addcmul_(g, g, value=1)
  addSquare: (G, g) => fma(g, g, G),
  // param.addcdiv_(g, d, value=−α)
  descend: (theta, g, lr, d) => theta + (-lr * g) / d,
  // param.add_(buf, alpha=−α)
  descendBy: (theta, b, lr) => fma(b, -lr, theta),
};
