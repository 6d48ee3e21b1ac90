import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { OpenAPIBackend, Operation } from "openapi-backend";
import type { FaultOptions, FaultQueue } from "./faults.ts";
import type { SlidingWindowRateLimiter } from "./rate-limit.ts";
import type { LoadedSpec } from "./spec.ts";
import {
  ApiError,
  type ContractViolation,
  type OperationContext,
  type SimulatorLogger,
  type SimulatorResponse,
  type VendorInstance,
  type VendorModule,
} from "./types.ts";

/** Hooks for the simulator's own tests and for demos. */
export interface SimulatorDebug {
  /**
   * Called with every response a vendor produced, before it is validated against the spec; return a
   * changed response to send instead. Used to prove that contract violations are caught.
   */
  transformResponse:
    | ((response: SimulatorResponse, info: ResponseInfo) => SimulatorResponse | undefined)
    | undefined;
}

export interface ResponseInfo {
  vendor: string;
  operationId: string | undefined;
  method: string;
  path: string;
  requestId: string;
}

export interface IncomingRequest {
  method: string;
  /** Path under the vendor prefix, still percent-encoded, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  /** The raw body, `undefined` or `""` when there is none. */
  rawBody: string | undefined;
  remoteAddress: string | undefined;
}

export type Outcome =
  | { kind: "respond"; response: SimulatorResponse; delayMs: number }
  | { kind: "drop"; delayMs: number };

export interface PipelineOptions {
  module: VendorModule;
  instance: VendorInstance<unknown>;
  spec: LoadedSpec;
  basePath: string;
  tokens: ReadonlyMap<string, readonly string[]>;
  rateLimiter: SlidingWindowRateLimiter;
  faults: FaultQueue;
  strict: boolean;
  logger: SimulatorLogger;
  violations: ContractViolation[];
  debug: SimulatorDebug;
}

type SecurityRequirement = Record<string, string[]>;

/** Serves one vendor: rate limit → scripted faults → routing → auth → request validation → handler → response validation. */
export class VendorPipeline {
  readonly #o: PipelineOptions;
  readonly #backend: OpenAPIBackend;

  constructor(options: PipelineOptions) {
    this.#o = options;
    this.#backend = options.spec.backend;
  }

  async handle(request: IncomingRequest): Promise<Outcome> {
    const { module, faults } = this.#o;
    const requestId = randomUUID();
    const token = bearerToken(request.headers.authorization);
    const rate = this.#o.rateLimiter.hit(token ?? `anonymous:${request.remoteAddress ?? ""}`);
    const specPath = this.#specPath(request.path);
    const operation =
      specPath === undefined
        ? undefined
        : this.#backend.matchOperation({ method: request.method, path: specPath, headers: {} });
    const info: ResponseInfo = {
      vendor: module.name,
      operationId: operation?.operationId,
      method: request.method,
      path: request.path,
      requestId,
    };

    let fault: FaultOptions | undefined;
    let response: SimulatorResponse;
    if (rate.exceeded) {
      const error = module.frameworkError("rate_limited");
      response = this.#errorResponse(error, requestId, module.rateLimitedHeaders(rate));
    } else {
      fault = faults.take({ vendor: module.name, operationId: operation?.operationId });
      if (fault?.drop === "before-handling") return { kind: "drop", delayMs: fault.delayMs ?? 0 };
      if (fault?.status !== undefined) {
        const error = module.errorForStatus(fault.status);
        const extra =
          fault.status === 429
            ? module.rateLimitedHeaders({
                ...rate,
                exceeded: "burst",
                retryAfterMs: (fault.retryAfterSeconds ?? 1) * 1000,
              })
            : {};
        response = this.#errorResponse(error, requestId, extra);
      } else {
        response = await this.#process(request, specPath, operation, token, requestId);
      }
    }

    response = {
      ...response,
      headers: {
        ...module.rateLimitHeaders(rate),
        "x-request-id": requestId,
        ...(response.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        ...response.headers,
      },
    };
    const transform = this.#o.debug.transformResponse;
    if (transform) response = transform(structuredClone(response), info) ?? response;
    if (operation) response = this.#checkResponse(operation, response, info);

    this.#o.logger.info(`${request.method} /${module.name}${request.path} → ${response.status}`, {
      requestId,
      operationId: operation?.operationId,
    });
    const delayMs = fault?.delayMs ?? 0;
    if (fault?.drop === "after-handling") return { kind: "drop", delayMs };
    return { kind: "respond", response, delayMs };
  }

  /** The request path relative to the spec's paths, or `undefined` when it is outside the base path. */
  #specPath(path: string): string | undefined {
    const base = this.#o.basePath;
    if (base === "") return path === "" ? "/" : path;
    if (path === base) return "/";
    return path.startsWith(`${base}/`) ? path.slice(base.length) : undefined;
  }

  async #process(
    request: IncomingRequest,
    specPath: string | undefined,
    operation: Operation | undefined,
    token: string | undefined,
    requestId: string,
  ): Promise<SimulatorResponse> {
    const { module, instance, logger } = this.#o;
    try {
      if (!operation || specPath === undefined) throw module.frameworkError("not_found");

      const scopes = this.#authorize(operation, token);

      let body: unknown;
      const raw = request.rawBody;
      if (raw !== undefined && raw !== "") {
        const contentType = String(request.headers["content-type"] ?? "application/json");
        if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
          throw module.frameworkError(
            "unsupported_media_type",
            `Content-Type ${contentType} is not supported`,
          );
        }
        try {
          body = JSON.parse(raw);
        } catch {
          throw module.frameworkError("bad_request", "The request body is not valid JSON.");
        }
      }

      const backendRequest = {
        method: request.method,
        path: specPath,
        headers: request.headers as Record<string, string>,
        query: request.query,
        body,
      };
      const parsed = this.#backend.router.parseRequest(backendRequest, operation);
      const validation = this.#backend.validateRequest(backendRequest, operation);
      if (!validation.valid) {
        throw module.frameworkError("bad_request", requestErrorMessage(validation.errors ?? []));
      }

      const handler = instance.handlers[operation.operationId ?? ""];
      if (!handler) throw module.errorForStatus(501);
      const context: OperationContext = {
        operationId: operation.operationId ?? "",
        method: request.method,
        path: request.path,
        params: parsed.params as Record<string, string>,
        query: request.query,
        headers: request.headers,
        body,
        scopes,
        hasScope: (scope) => scopes.includes("*") || scopes.includes(scope),
        requestId,
      };
      return await handler(context);
    } catch (error) {
      if (error instanceof ApiError) return this.#errorResponse(error, requestId);
      logger.error(`handler for ${request.method} ${request.path} threw`, {
        requestId,
        error: String(error),
      });
      return this.#errorResponse(module.frameworkError("server_error"), requestId);
    }
  }

  /** Returns the token's scopes, or throws 401/403 in the vendor's format. */
  #authorize(operation: Operation, token: string | undefined): readonly string[] {
    const { module, tokens } = this.#o;
    const document = this.#o.spec.document;
    const requirements = (operation.security ?? document.security ?? []) as SecurityRequirement[];
    if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) {
      return token === undefined ? [] : (tokens.get(token) ?? []);
    }
    const scopes = token === undefined ? undefined : tokens.get(token);
    if (scopes === undefined) throw module.frameworkError("unauthorized");
    const fallback = module.defaultScopes?.[operation.operationId ?? ""] ?? [];
    const allowed = requirements.some((requirement) => {
      const needed = Object.values(requirement).flat();
      const required = needed.length > 0 ? needed : fallback;
      return required.every((scope) => scopes.includes("*") || scopes.includes(scope));
    });
    if (!allowed) throw module.frameworkError("forbidden");
    return scopes;
  }

  #errorResponse(
    error: ApiError,
    requestId: string,
    headers: Record<string, string> = {},
  ): SimulatorResponse {
    return { status: error.status, body: this.#o.module.errorBody(error, requestId), headers };
  }

  /** Validates a produced response against the spec; a violation is recorded, logged and (strict) replaced. */
  #checkResponse(operation: Operation, response: SimulatorResponse, info: ResponseInfo): SimulatorResponse {
    const { module, strict, logger, violations } = this.#o;
    const problems: Array<{ kind: ContractViolation["kind"]; errors: string[] }> = [];
    const declared = declaredResponse(operation, response.status);
    if (!declared) {
      problems.push({
        kind: "response-status",
        errors: [
          `status ${response.status} is not declared for ${operation.operationId} (and there is no default)`,
        ],
      });
    } else {
      const body = this.#backend.validateResponse(response.body ?? null, operation, response.status);
      if (!body.valid) {
        problems.push({
          kind: "response-body",
          errors: (body.errors ?? []).map((e) => ajvMessage("body", e)),
        });
      }
      const headers = response.headers ?? {};
      const headerErrors = this.#backend
        .validateResponseHeaders(headers, operation, { statusCode: response.status })
        .errors?.map((e) => ajvMessage("headers", e, true));
      const missing = Object.entries(declared.headers ?? {})
        .filter(([name, header]) => header.required === true && headers[name.toLowerCase()] === undefined)
        .map(([name]) => `header ${name.toLowerCase()} is required by the spec but missing`);
      if (headerErrors?.length || missing.length) {
        problems.push({ kind: "response-headers", errors: [...(headerErrors ?? []), ...missing] });
      }
    }
    if (problems.length === 0) return response;

    const at = new Date().toISOString();
    for (const problem of problems) {
      const violation: ContractViolation = {
        vendor: module.name,
        operationId: operation.operationId ?? "",
        method: info.method,
        path: info.path,
        requestId: info.requestId,
        kind: problem.kind,
        errors: problem.errors,
        response,
        at,
      };
      violations.push(violation);
      logger.warn(
        `contract violation in ${operation.operationId}: ${info.method} /${module.name}${info.path} → ${response.status} does not match ${this.#o.spec.file} (${problem.kind}): ${problem.errors.join("; ")}`,
        { requestId: info.requestId, operationId: operation.operationId },
      );
    }
    if (!strict) return response;
    const summary = problems.flatMap((p) => p.errors).join("; ");
    const error = module.frameworkError(
      "contract_violation",
      `The simulator's ${response.status} response to ${operation.operationId} violates its spec: ${summary}`,
    );
    return {
      status: error.status,
      body: module.errorBody(error, info.requestId),
      headers: { ...response.headers, "content-type": "application/json; charset=utf-8" },
    };
  }
}

interface DeclaredResponse {
  headers?: Record<string, { required?: boolean }>;
}

/** The response object the spec declares for a status: exact, then `4XX`-style range, then `default`. */
function declaredResponse(operation: Operation, status: number): DeclaredResponse | undefined {
  const responses = (operation.responses ?? {}) as Record<string, DeclaredResponse>;
  return responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/requestBody/settings/acl/0/topic` → `body.settings.acl[0].topic`, `/path/x` → `path parameter x`, etc. */
function fieldName(instancePath: string): string {
  const parts = instancePath.split("/").slice(1).map(decodePointer);
  const [root, ...rest] = parts;
  const tail = rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("");
  switch (root) {
    case undefined:
      return "request";
    case "requestBody":
      return `body${tail}`;
    case "path":
    case "query":
    case "headers":
      return `${rest.join(".")} (${root === "headers" ? "header" : `${root} parameter`})`;
    default:
      return `${root}${tail}`;
  }
}

function decodePointer(part: string): string {
  return part.replace(/~1/g, "/").replace(/~0/g, "~");
}

function requestErrorMessage(errors: AjvError[]): string {
  const messages = errors
    .filter((e) => !["allOf", "anyOf", "oneOf", "if"].includes(e.keyword))
    .map((e) => {
      if (e.keyword === "required" && e.instancePath === "" && e.params.missingProperty === "requestBody") {
        return "body is required";
      }
      const field = fieldName(e.instancePath);
      switch (e.keyword) {
        case "required":
          return `${field === "request" ? "" : `${field}.`}${String(e.params.missingProperty)} is required`;
        case "unevaluatedProperties":
          return `${field}.${String(e.params.unevaluatedProperty)} is not allowed`;
        case "additionalProperties":
          return `${field}.${String(e.params.additionalProperty)} is not allowed`;
        case "enum":
          return `${field} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        default:
          return `${field} ${e.message ?? "is invalid"}`;
      }
    });
  return `Invalid request: ${[...new Set(messages)].join("; ")}`;
}

function ajvMessage(prefix: "body" | "headers", e: AjvError, stripHeaders = false): string {
  let path = e.instancePath;
  if (stripHeaders) path = path.replace(/^\/headers/, "");
  const where = `${prefix}${path
    .split("/")
    .slice(1)
    .map(decodePointer)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("")}`;
  const extra =
    e.keyword === "additionalProperties" || e.keyword === "unevaluatedProperties"
      ? ` (${String(e.params.additionalProperty ?? e.params.unevaluatedProperty)})`
      : e.keyword === "required"
        ? ` (${String(e.params.missingProperty)})`
        : "";
  return `${where} ${e.message ?? e.keyword}${extra}`;
}
