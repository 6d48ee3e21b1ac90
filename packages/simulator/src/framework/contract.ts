import type { Operation } from "openapi-backend";
import type { ResponseInfo } from "./pipeline.ts";
import type { LoadedSpec } from "./spec.ts";
import {
  type ContractViolation,
  type SimulatorLogger,
  type SimulatorResponse,
  TextBody,
  type VendorModule,
} from "./types.ts";
import { ajvMessage } from "./validation-messages.ts";
import { contentTypeHeader } from "./wire.ts";

export interface ContractCheckOptions {
  module: VendorModule;
  spec: LoadedSpec;
  strict: boolean;
  logger: SimulatorLogger;
  violations: ContractViolation[];
}

interface DeclaredResponse {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, unknown>;
}

type Problem = { kind: ContractViolation["kind"]; errors: string[] };

/**
 * Checks each response a vendor produced against its spec: the status, the body (JSON against the
 * schema; a text body's content type against the declared media types) and the declared headers. A
 * violation is recorded, logged and (strict) replaced by a 500 in the vendor's format.
 */
export class ContractCheck {
  readonly #o: ContractCheckOptions;

  constructor(options: ContractCheckOptions) {
    this.#o = options;
  }

  check(operation: Operation, response: SimulatorResponse, info: ResponseInfo): SimulatorResponse {
    const { module, strict, logger, violations, spec } = this.#o;
    const problems = this.#problems(operation, response);
    if (problems.length === 0) return response;

    const at = new Date().toISOString();
    for (const problem of problems) {
      violations.push({
        vendor: module.name,
        operationId: operation.operationId ?? "",
        method: info.method,
        path: info.path,
        requestId: info.requestId,
        kind: problem.kind,
        errors: problem.errors,
        response,
        at,
      });
      logger.warn(
        `contract violation in ${operation.operationId}: ${info.method} /${module.name}${info.path} → ${response.status} does not match ${spec.file} (${problem.kind}): ${problem.errors.join("; ")}`,
        { requestId: info.requestId, operationId: operation.operationId },
      );
    }
    if (!strict) return response;
    const summary = problems.flatMap((p) => p.errors).join("; ");
    const error = module.frameworkError(
      "contract_violation",
      `The simulator's ${response.status} response to ${operation.operationId} violates its spec: ${summary}`,
    );
    const body = module.errorBody(error, info.requestId);
    return { status: error.status, body, headers: { ...response.headers, ...contentTypeHeader(body) } };
  }

  #problems(operation: Operation, response: SimulatorResponse): Problem[] {
    const backend = this.#o.spec.backend;
    const declared = declaredResponse(operation, response.status);
    if (!declared) {
      return [
        {
          kind: "response-status",
          errors: [
            `status ${response.status} is not declared for ${operation.operationId} (and there is no default)`,
          ],
        },
      ];
    }
    const problems: Problem[] = [];
    const bodyErrors =
      response.body instanceof TextBody
        ? textBodyErrors(declared, response.body)
        : (backend.validateResponse(response.body ?? null, operation, response.status).errors ?? []).map(
            (e) => ajvMessage("body", e),
          );
    if (bodyErrors.length > 0) problems.push({ kind: "response-body", errors: bodyErrors });

    const headers = response.headers ?? {};
    const headerErrors = (
      backend.validateResponseHeaders(headers, operation, { statusCode: response.status }).errors ?? []
    ).map((e) => ajvMessage("headers", e, true));
    const missing = Object.entries(declared.headers ?? {})
      .filter(([name, header]) => header.required === true && headers[name.toLowerCase()] === undefined)
      .map(([name]) => `header ${name.toLowerCase()} is required by the spec but missing`);
    if (headerErrors.length > 0 || missing.length > 0) {
      problems.push({ kind: "response-headers", errors: [...headerErrors, ...missing] });
    }
    return problems;
  }
}

/** The response object the spec declares for a status: exact, then `4XX`-style range, then `default`. */
function declaredResponse(operation: Operation, status: number): DeclaredResponse | undefined {
  const responses = (operation.responses ?? {}) as Record<string, DeclaredResponse>;
  return responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
}

/** openapi-backend validates JSON bodies only; a text body must at least have a declared media type. */
function textBodyErrors(declared: DeclaredResponse, body: TextBody): string[] {
  const mediaType = body.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const declaredTypes = Object.keys(declared.content ?? {});
  return declaredTypes.some((type) => type.toLowerCase() === mediaType)
    ? []
    : [`body of type ${mediaType} is not declared (declared: ${declaredTypes.join(", ") || "no body"})`];
}
