// What the simulator received, for a consumer's tests to assert on what their code sent: method, path,
// query and body of every request, by vendor. Credentials never enter the record: headers are left out
// (each vendor carries its credential in one), and every body or query field whose name says it holds
// one is masked, at any depth.

/** A request the simulator received (`sim.requests`). */
export interface ReceivedRequest {
  /** The vendor whose prefix it came to, e.g. `"cloud66"`. */
  readonly vendor: string;
  readonly method: string;
  /** The path under the vendor's prefix (what follows `sim.urls.<vendor>`), without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  /** The spec operation it matched (`"databases_add_user"`), if it matched one. */
  readonly operationId: string | undefined;
  /**
   * The body as parsed JSON, credential fields (`password`, `token`, …) replaced by `"[REDACTED]"`;
   * `undefined` without a body. A body that is not JSON is not kept: the string says how long it was.
   */
  readonly body: unknown;
  /** The `x-request-id` the simulator answered with. */
  readonly requestId: string;
}

/** How many requests the record keeps: the oldest go first, so a long-running simulator stays small. */
export const RECEIVED_REQUESTS_KEPT = 1000;

export const MASK = "[REDACTED]";
const CREDENTIAL_FIELD = /password|passwd|secret|token|api_?key|private_key|authorization|credential/i;

/** A copy of `value` with every credential-named field masked. */
export function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, CREDENTIAL_FIELD.test(key) ? MASK : masked(field)]),
  );
}

/** The body as the record keeps it. */
export function recordedBody(raw: string | undefined): unknown {
  if (raw === undefined || raw === "") return undefined;
  try {
    return masked(JSON.parse(raw));
  } catch {
    return `[a body that is not JSON, ${raw.length} characters]`;
  }
}

/** The requests received, newest last, at most `RECEIVED_REQUESTS_KEPT`. */
export class ReceivedRequests {
  readonly #requests: ReceivedRequest[] = [];

  add(request: ReceivedRequest): void {
    this.#requests.push(Object.freeze(request));
    if (this.#requests.length > RECEIVED_REQUESTS_KEPT) this.#requests.shift();
  }

  /** A copy: what a test holds does not change under it. */
  list(): readonly ReceivedRequest[] {
    return [...this.#requests];
  }

  clear(): void {
    this.#requests.length = 0;
  }
}
