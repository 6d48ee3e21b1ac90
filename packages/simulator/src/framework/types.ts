/**
 * The small interface every vendor module implements, and the types the framework hands to it.
 *
 * A vendor module owns its state, its operation handlers and its error format; the framework owns HTTP,
 * routing, authentication, rate limiting, scripted faults and spec validation of every request and response.
 */
import type { RealClusters } from "../databases/real-clusters.ts";
import type { DatabaseConnection, DatabaseEngine } from "../databases/types.ts";
import type { CredentialReader } from "./credentials.ts";

/**
 * A body that is not JSON (e.g. a vendor's plain-text 429), sent as `text` with its `contentType`.
 * Any other body is a JSON value.
 */
export class TextBody {
  readonly contentType: string;
  readonly text: string;
  constructor(contentType: string, text: string) {
    this.contentType = contentType;
    this.text = text;
  }
}

/** A response body: a JSON value (sent as `application/json`), or a `TextBody`. */
export type ResponseBody = TextBody | object | string | number | boolean | null;

/** A response as a handler (or the framework) produces it, before validation and sending. */
export interface SimulatorResponse {
  status: number;
  /** A JSON value or a `TextBody`; `undefined` for an empty body (e.g. 204). */
  body?: ResponseBody;
  /** Extra response headers (lower-case names). */
  headers?: Record<string, string>;
}

/** What a handler gets for one request that passed routing, authentication and request validation. */
export interface OperationContext {
  /** The spec's `operationId`. */
  readonly operationId: string;
  readonly method: string;
  /** The path under the vendor prefix, e.g. `/v2/databases/…/users`. */
  readonly path: string;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body (already validated against the spec), or `undefined`. */
  readonly body: unknown;
  /** The request's credential (token, API key, …), if it carried one: e.g. to mint a token from it. */
  readonly credential: string | undefined;
  /** The scopes of the credential that authenticated the request. */
  readonly scopes: readonly string[];
  /** `true` when the token has `scope` (or the wildcard scope `*`). */
  hasScope(scope: string): boolean;
  /** The `x-request-id` of this request's response. */
  readonly requestId: string;
}

export type OperationHandler = (context: OperationContext) => SimulatorResponse | Promise<SimulatorResponse>;

/**
 * An error a handler throws to answer in the vendor's error format. `code` is the vendor's error
 * identifier (DigitalOcean's `id`), `message` the human-readable text.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** The errors the framework itself produces; each vendor says how they look on its API. */
export type FrameworkErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "unsupported_media_type"
  | "rate_limited"
  | "server_error"
  | "contract_violation";

/** Sliding-window rate-limit configuration (per token, per vendor). */
export interface RateLimitConfig {
  /** Requests allowed per `windowMs` (DigitalOcean: 5000). Reported in the rate-limit headers. */
  limit: number;
  /** Length of the sliding window in ms (DigitalOcean: one hour). */
  windowMs: number;
  /** Optional burst limit: requests allowed per `burstWindowMs` (DigitalOcean: 250). */
  burstLimit?: number;
  /** Length of the burst window in ms (DigitalOcean: one minute). */
  burstWindowMs?: number;
}

/** The state of a token's rate-limit windows after counting (or refusing) one request. */
export interface RateLimitStatus {
  limit: number;
  remaining: number;
  /** When the oldest request of the main window expires, in ms since the epoch. */
  resetAtMs: number;
  /** Which window refused the request, if one did. */
  exceeded: "limit" | "burst" | undefined;
  /** When the refusing window frees a slot, in ms from now (only when `exceeded`). */
  retryAfterMs: number | undefined;
}

/** Everything a vendor module needs to build its runtime for one simulator. */
export interface VendorInit<Seed> {
  /** The seed for this vendor (from `startSimulator({ seed })`), if any. */
  seed: Seed | undefined;
  /**
   * The real database servers behind the vendor's clusters (`startSimulator({ databases })`): `add`
   * answers `false` for an engine without a server, the default, and the vendor keeps that cluster in
   * memory. The framework drops every real cluster on `sim.reset()` (before the vendor's `reset`) and
   * on `sim.close()`, after their pending operations.
   */
  databases: RealClusters;
  /** `startSimulator({ instantActions })`: asynchronous actions, where a vendor has them, finish at once. */
  instantActions: boolean;
}

/** A vendor module's runtime in one simulator: handlers bound to its state, and the control handle. */
export interface VendorInstance<Control> {
  /** One handler per `operationId` of the spec that the simulator implements. */
  handlers: Record<string, OperationHandler>;
  /** The test/demo control handle, exposed as `sim[name]`. */
  control: Control;
  /** Back to the seeded starting state. */
  reset(): void;
}

/**
 * One thing a client of the vendor is set up for (a DigitalOcean cluster, a Scalingo addon, …), as the
 * CLI's start-up lines show it: the vendor knows which ids its clients need, the CLI only prints them.
 */
export interface VendorTarget {
  /** What it is, in the vendor's words, e.g. `pg cluster demo-postgres`. */
  readonly label: string;
  /** The ids a client is configured with, by the name the vendor gives them, e.g. `{ "cluster id": "9cc1…" }`. */
  readonly ids: Readonly<Record<string, string | number>>;
  /** Its users' names, as the API lists them (never their passwords). */
  readonly users: readonly string[];
  /**
   * For a target that a real server may back: that server's engine, and where a user called `name` logs
   * in (the vendor's `connection` of its control handle), which rejects for a target kept in memory.
   */
  readonly login?: {
    readonly engine: DatabaseEngine;
    connection(name: string): Promise<DatabaseConnection>;
  };
  /** A `curl` command that lists its users through the API at `baseUrl` with `token`, for a first try. */
  example?(baseUrl: string, token: string): string;
}

/** What a vendor's `authenticate` hook knows besides the credential. */
export interface AuthenticationContext {
  /** The operation being called. */
  readonly operationId: string;
  /** The static credentials and their scopes (`startSimulator({ tokens })` plus the default token). */
  readonly tokens: ReadonlyMap<string, readonly string[]>;
}

/** A vendor plugged into the simulator. */
export interface VendorModule<Name extends string = string, Control = unknown, Seed = unknown> {
  /** URL prefix and handle name: the API is served under `${url}/${name}` and controlled by `sim[name]`. */
  readonly name: Name;
  /** File name of the vendor's OpenAPI document in `specs/` (shipped in `dist/specs/`). */
  readonly spec: string;
  /**
   * Path of the spec's `paths` under the vendor prefix. Defaults to the path of the spec's first
   * `servers[].url` (e.g. `""` for `https://api.digitalocean.com`, whose paths start with `/v2`).
   */
  readonly basePath?: string;
  /** The vendor's own rate limit, used unless `startSimulator({ rateLimit })` overrides it. */
  readonly rateLimit: RateLimitConfig;
  /**
   * How requests carry their credential; default `bearerCredentials`. Either one reader for every
   * operation, or one per security scheme of the spec (`components.securitySchemes` names, e.g.
   * `{ api_token_basic: basicCredentials({ user: "" }), bearer: bearerCredentials }`): an operation
   * reads the credential of the schemes its `security` requirement names.
   */
  readonly credentials?: CredentialReader | Readonly<Record<string, CredentialReader>>;
  /**
   * For vendors that mint credentials at run time (e.g. exchange an API token for a short-lived bearer
   * token): the scopes of `credential`, or `undefined` when it is not one of them (or has expired), in
   * which case the static `tokens` decide. A credential neither accepts is answered 401.
   */
  authenticate?(credential: string, context: AuthenticationContext): readonly string[] | undefined;
  /** Scopes that an operation needs when its spec declares none. Spec-declared scopes win. */
  readonly defaultScopes?: Readonly<Record<string, readonly string[]>>;
  /** A deterministic starting state for demos, used by `seed: "demo"`. */
  readonly demoSeed?: Seed;
  /** The error the framework answers with for `kind`, in the vendor's terms. */
  frameworkError(kind: FrameworkErrorKind, detail?: string): ApiError;
  /** The error used for a scripted fault with this status (e.g. `failNext({ status: 503 })`). */
  errorForStatus(status: number): ApiError;
  /** The vendor's error body for an `ApiError`: a JSON value, or a `TextBody` (e.g. a plain-text 429). */
  errorBody(error: ApiError, requestId: string): ResponseBody;
  /** The rate-limit headers the vendor sends on every response. */
  rateLimitHeaders(status: RateLimitStatus): Record<string, string>;
  /** Extra headers on a 429 (e.g. `retry-after`), for a real or a scripted one. */
  rateLimitedHeaders(status: RateLimitStatus): Record<string, string>;
  /** What a client is configured with for each of the vendor's clusters (or addons, accounts, …) in `control`. */
  targets?(control: Control): VendorTarget[];
  /** Builds the vendor's runtime (state, handlers, control handle). */
  create(init: VendorInit<Seed>): VendorInstance<Control>;
}

/** A response the simulator produced that its spec does not allow. */
export interface ContractViolation {
  vendor: string;
  operationId: string;
  method: string;
  path: string;
  requestId: string;
  /** What was wrong: an undeclared status, the body, or the headers. */
  kind: "response-status" | "response-body" | "response-headers";
  /** Validator messages, e.g. `body/user/name must be string`. */
  errors: string[];
  /** The offending response as it would have been sent. */
  response: SimulatorResponse;
  /** ISO timestamp. */
  at: string;
}

/** Where the simulator reports what it does; `info` per request, `warn` for contract violations. */
export interface SimulatorLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}
