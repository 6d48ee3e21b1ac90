import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { OpenAPIBackend, Operation } from "openapi-backend";
import { Authenticator } from "./auth.ts";
import { ContractCheck } from "./contract.ts";
import { breakHandledResponse, htmlErrorPage } from "./fault-responses.ts";
import type { FaultQueue } from "./faults.ts";
import type { SlidingWindowRateLimiter } from "./rate-limit.ts";
import { masked, type ReceivedRequests, recordedBody } from "./received-requests.ts";
import type { LoadedSpec } from "./spec.ts";
import {
  ApiError,
  type ContractViolation,
  type OperationContext,
  type RateLimitStatus,
  type SimulatorLogger,
  type SimulatorResponse,
  type VendorInstance,
  type VendorModule,
} from "./types.ts";
import { requestErrorMessage } from "./validation-messages.ts";
import { contentTypeHeader, toWire, type WireResponse } from "./wire.ts";

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

/** What the server does with a request: answer (after a delay), close the connection, or never answer. */
export type Outcome =
  | { kind: "respond"; response: WireResponse; delayMs: number }
  | { kind: "drop"; delayMs: number }
  | { kind: "hang" };

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
  received: ReceivedRequests;
  debug: SimulatorDebug;
}

/**
 * Serves one vendor: credential → rate limit → faults → routing → auth → request validation → handler →
 * response validation. Faults answer outside the contract on purpose, so their answers are not validated;
 * a handled request's own response is, before a fault breaks it.
 */
export class VendorPipeline {
  readonly #o: PipelineOptions;
  readonly #backend: OpenAPIBackend;
  readonly #auth: Authenticator;
  readonly #contract: ContractCheck;

  constructor(options: PipelineOptions) {
    this.#o = options;
    this.#backend = options.spec.backend;
    this.#auth = new Authenticator(options);
    this.#contract = new ContractCheck(options);
  }

  async handle(request: IncomingRequest): Promise<Outcome> {
    const { module, faults } = this.#o;
    const requestId = randomUUID();
    const specPath = this.#specPath(request.path);
    const operation =
      specPath === undefined
        ? undefined
        : this.#backend.matchOperation({ method: request.method, path: specPath, headers: {} });
    const credential = this.#auth.credential(operation, request.headers);
    // Counted by credential whatever its scheme; requests without one by client address.
    const rate = this.#o.rateLimiter.hit(credential ?? `anonymous:${request.remoteAddress ?? ""}`);
    const info: ResponseInfo = {
      vendor: module.name,
      operationId: operation?.operationId,
      method: request.method,
      path: request.path,
      requestId,
    };

    this.#o.received.add({
      vendor: module.name,
      method: request.method,
      path: request.path,
      query: masked(request.query) as Record<string, string | string[]>,
      operationId: operation?.operationId,
      body: recordedBody(request.rawBody),
      requestId,
    });

    const fault = rate.exceeded
      ? undefined
      : faults.take({ vendor: module.name, operationId: operation?.operationId });
    const delayMs = fault?.delayMs ?? 0;
    if (fault?.hang) return { kind: "hang" };
    if (fault?.drop === "before-handling") return { kind: "drop", delayMs };

    let response: WireResponse;
    if (rate.exceeded) {
      const limited = module.frameworkError("rate_limited");
      const refused = this.#errorResponse(limited, requestId, module.rateLimitedHeaders(rate));
      response = toWire(this.#checked(operation, this.#withVendorHeaders(refused, rate, requestId), info));
    } else if (fault?.html !== undefined) {
      response = htmlErrorPage(fault.html);
    } else if (fault?.status !== undefined) {
      const scripted = this.#scriptedError(fault.status, fault.retryAfterSeconds, rate, requestId);
      response = toWire(this.#withVendorHeaders(scripted, rate, requestId));
    } else {
      const handled = await this.#process(request, specPath, operation, credential, requestId);
      const checked = this.#checked(operation, this.#withVendorHeaders(handled, rate, requestId), info);
      response = breakHandledResponse(fault, toWire(checked));
    }

    this.#o.logger.info(`${request.method} /${module.name}${request.path} → ${response.status}`, {
      requestId,
      operationId: operation?.operationId,
    });
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

  /** `failNext({ status })`: the vendor's error for the status (a 429 with its rate-limit headers). */
  #scriptedError(
    status: number,
    retryAfterSeconds: number | undefined,
    rate: RateLimitStatus,
    requestId: string,
  ): SimulatorResponse {
    const { module } = this.#o;
    const headers =
      status === 429
        ? module.rateLimitedHeaders({
            ...rate,
            exceeded: "burst",
            retryAfterMs: (retryAfterSeconds ?? 1) * 1000,
          })
        : {};
    return this.#errorResponse(module.errorForStatus(status), requestId, headers);
  }

  /** The headers the vendor sends on every response, under the response's own. */
  #withVendorHeaders(
    response: SimulatorResponse,
    rate: RateLimitStatus,
    requestId: string,
  ): SimulatorResponse {
    return {
      ...response,
      headers: {
        ...this.#o.module.rateLimitHeaders(rate),
        "x-request-id": requestId,
        ...contentTypeHeader(response.body),
        ...response.headers,
      },
    };
  }

  /** The response after the debug transform and the contract check (when an operation matched). */
  #checked(
    operation: Operation | undefined,
    response: SimulatorResponse,
    info: ResponseInfo,
  ): SimulatorResponse {
    const transform = this.#o.debug.transformResponse;
    const transformed = transform ? (transform(structuredClone(response), info) ?? response) : response;
    return operation ? this.#contract.check(operation, transformed, info) : transformed;
  }

  async #process(
    request: IncomingRequest,
    specPath: string | undefined,
    operation: Operation | undefined,
    credential: string | undefined,
    requestId: string,
  ): Promise<SimulatorResponse> {
    const { module, instance, logger } = this.#o;
    try {
      if (!operation || specPath === undefined) throw module.frameworkError("not_found");

      const scopes = this.#auth.authorize(operation, credential);

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
        credential,
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

  #errorResponse(
    error: ApiError,
    requestId: string,
    headers: Record<string, string> = {},
  ): SimulatorResponse {
    return { status: error.status, body: this.#o.module.errorBody(error, requestId), headers };
  }
}
