/**
 * The one error type for bad input anywhere in the library or the CLI.
 * It names the parameter, the value it got and what is allowed, so a user can fix the call at once.
 */
export class ValidationError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(parameter: string, value: unknown, allowed: string) {
    super(`invalid ${parameter}: ${describe(value)} (expected ${allowed})`);
    this.name = "ValidationError";
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A finite number, strictly positive. */
export function checkPositive(parameter: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(parameter, value, "a finite number > 0");
  }
  return value;
}

/** A finite number ≥ 0. */
export function checkNonNegative(parameter: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(parameter, value, "a finite number >= 0");
  }
  return value;
}

/** A decay rate in [0, 1). */
export function checkUnitInterval(parameter: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ValidationError(parameter, value, "a number in [0, 1)");
  }
  return value;
}

/** An integer in [min, max]. */
export function checkInteger(parameter: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new ValidationError(parameter, value, range);
  }
  return value;
}

/** true or false (a string such as "false" is refused, not read as truthy). */
export function checkBoolean(parameter: string, value: boolean): boolean {
  if (typeof value !== "boolean") throw new ValidationError(parameter, value, "true or false");
  return value;
}

/** One of a fixed set of strings. */
export function checkOneOf<T extends string>(parameter: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(parameter, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value as T;
}
