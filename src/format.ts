/**
 * Python's fixed-point formatting (`f"{x:.4f}"`): the exact binary value rounded to `digits` decimals, ties to even.
 * `Number.prototype.toFixed` rounds exact ties up instead (0.03125 → "0.0313"; Python prints "0.0312").
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Object.is(x, -0)) return `-${(0).toFixed(digits)}`;
  const s = x.toFixed(digits);
  if (isExactTie(x, digits)) {
    // toFixed chose the larger magnitude; Python keeps the even last digit
    const lastDigit = Number(s[s.length - 1]);
    if (lastDigit % 2 === 1) return stepTowardZero(s, digits);
  }
  return s;
}

/** Whether |x|·10^digits lies exactly halfway between two integers (checked in exact integer arithmetic). */
function isExactTie(x: number, digits: number): boolean {
  const [mantissa, exp2] = decompose(Math.abs(x));
  // |x| = mantissa · 2^exp2; tie ⇔ 2·|x|·10^d is an odd integer
  let num = mantissa * 2n * 10n ** BigInt(digits);
  if (exp2 >= 0) return false; // an integer times 10^d: never a half
  const den = 1n << BigInt(-exp2);
  if (num % den !== 0n) return false;
  num /= den;
  return num % 2n === 1n;
}

function decompose(v: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [frac, -1074];
  return [frac | (1n << 52n), biased - 1075];
}

/** "0.0313" → "0.0312": one unit less in the last place, in magnitude. */
function stepTowardZero(fixed: string, digits: number): string {
  const negative = fixed.startsWith("-");
  const scaled = BigInt(fixed.replace("-", "").replace(".", "")) - 1n;
  const body = scaled.toString().padStart(digits + 1, "0");
  const text = digits === 0 ? body : `${body.slice(0, -digits)}.${body.slice(-digits)}`;
  return negative ? `-${text}` : text;
}
