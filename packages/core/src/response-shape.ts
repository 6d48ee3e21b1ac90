// Runtime checks of the parts of a 2xx body an adapter relies on. The spec types say what the body
// should be; these make sure it is, so a vendor (or a proxy) answering something else produces an
// `InvalidResponseError` instead of a `TypeError` deep in the adapter or a half-filled user.

/** Thrown by the checks below; `unwrap` turns it into an `InvalidResponseError` with the answer's details. */
export class ResponseShapeError extends Error {
  override name = "ResponseShapeError";
}

/** `value` is a JSON object (not null, not an array). `what` names it in the error: `"body"`, `"user"`. */
export function expectObject<T>(value: T, what: string): NonNullable<T> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ResponseShapeError(`${what} is ${kindOf(value)}, not an object`);
  }
  return value as NonNullable<T>;
}

/** `value` is an array. */
export function expectArray<T>(value: readonly T[] | T[] | undefined | null, what: string): T[] {
  if (!Array.isArray(value)) {
    throw new ResponseShapeError(`${what} is ${kindOf(value)}, not an array`);
  }
  return value as T[];
}

/** `value` is a non-empty string. */
export function expectString(value: string | undefined | null, what: string): string {
  if (typeof value !== "string" || value === "") {
    throw new ResponseShapeError(`${what} is ${kindOf(value)}, not a non-empty string`);
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (value === "") return "an empty string";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
