// A tiny test-only vendor, "acme", with its own spec: HTTP Basic (API token as password, empty user) to
// exchange for a short-lived minted bearer token, bearer for its data, and an API-key header. Written to
// a temp dir and served through the same framework as the real vendors.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { stringify } from "yaml";
import {
  ApiError,
  basicCredentials,
  bearerCredentials,
  type FrameworkErrorKind,
  headerCredentials,
  TextBody,
  type VendorModule,
} from "../../src/index.ts";

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: { error: { type: "string" }, message: { type: "string" } },
};
const errors = {
  "401": { description: "Unauthorized", content: { "application/json": { schema: errorSchema } } },
  "403": { description: "Forbidden", content: { "application/json": { schema: errorSchema } } },
  // Like Scalingo: throttled requests get a plain-text body.
  "429": { description: "Throttled", content: { "text/plain": { schema: { type: "string" } } } },
  default: { description: "Error", content: { "application/json": { schema: errorSchema } } },
};
const json = (schema: unknown) => ({ "application/json": { schema } });

const ACME_SPEC = {
  openapi: "3.1.0",
  info: { title: "Acme (test vendor)", version: "1.0.0" },
  servers: [{ url: "https://api.acme.test/v1" }],
  paths: {
    "/tokens/exchange": {
      post: {
        operationId: "exchange_token",
        security: [{ api_token_basic: [] }],
        requestBody: {
          required: false,
          content: json({
            type: "object",
            properties: { expires_in: { type: "integer", minimum: 0 } },
            additionalProperties: false,
          }),
        },
        responses: {
          "201": {
            description: "A bearer token",
            content: json({ type: "object", required: ["token"], properties: { token: { type: "string" } } }),
          },
          ...errors,
        },
      },
    },
    "/things": {
      get: {
        operationId: "list_things",
        security: [{ bearer: ["things:read"] }],
        responses: {
          "200": {
            description: "Things",
            content: json({
              type: "object",
              required: ["things"],
              properties: { things: { type: "array" } },
            }),
          },
          ...errors,
        },
      },
    },
    "/whoami": {
      get: {
        operationId: "whoami",
        security: [{ api_key: [] }],
        responses: {
          "200": {
            description: "The caller's scopes",
            content: json({
              type: "object",
              required: ["scopes"],
              properties: { scopes: { type: "array" } },
            }),
          },
          ...errors,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      api_token_basic: { type: "http", scheme: "basic" },
      bearer: { type: "http", scheme: "bearer" },
      api_key: { type: "apiKey", in: "header", name: "X-Api-Key" },
    },
  },
};

/** Writes the spec to a temp dir removed after the test; returns the dir (the `specsDir` option). */
export function acmeSpecsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dbusers-simulator-acme-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "acme.yaml"), stringify(ACME_SPEC));
  return dir;
}

const MINTED = "acme_minted.";

/** A minted bearer token: it names the API token it was exchanged for and when it expires. */
function mint(apiToken: string, expiresAtMs: number): string {
  return MINTED + Buffer.from(JSON.stringify({ apiToken, expiresAtMs })).toString("base64url");
}

function minted(credential: string): { apiToken: string; expiresAtMs: number } | undefined {
  if (!credential.startsWith(MINTED)) return undefined;
  return JSON.parse(Buffer.from(credential.slice(MINTED.length), "base64url").toString("utf8"));
}

const STATUS_OF: Record<FrameworkErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media_type: 415,
  rate_limited: 429,
  server_error: 500,
  contract_violation: 500,
};

export interface AcmeControl {
  /** How many tokens were minted. */
  minted(): number;
}

export const acme: VendorModule<"acme", AcmeControl, never> = {
  name: "acme",
  spec: "acme.yaml",
  rateLimit: { limit: 1000, windowMs: 60_000 },
  credentials: {
    api_token_basic: basicCredentials({ user: "" }),
    bearer: bearerCredentials,
    api_key: headerCredentials("X-Api-Key"),
  },
  // A minted token stands for its API token until it expires; an expired one falls through to the
  // static tokens, which do not know it: 401.
  authenticate: (credential, { tokens }) => {
    const token = minted(credential);
    return token && token.expiresAtMs > Date.now() ? tokens.get(token.apiToken) : undefined;
  },
  frameworkError: (kind: FrameworkErrorKind, detail?: string) =>
    new ApiError(STATUS_OF[kind], kind, detail ?? kind),
  errorForStatus: (status: number) => new ApiError(status, "error", `HTTP ${status}`),
  errorBody: (error: ApiError) =>
    error.status === 429
      ? new TextBody("text/plain; charset=utf-8", "Too Many Requests")
      : { error: error.code, message: error.message },
  rateLimitHeaders: () => ({}),
  rateLimitedHeaders: () => ({}),
  create() {
    let count = 0;
    return {
      handlers: {
        exchange_token: (context) => {
          const { expires_in = 3600 } = (context.body ?? {}) as { expires_in?: number };
          count += 1;
          return {
            status: 201,
            body: { token: mint(context.credential ?? "", Date.now() + expires_in * 1000) },
          };
        },
        list_things: () => ({ status: 200, body: { things: ["anvil"] } }),
        whoami: (context) => ({ status: 200, body: { scopes: context.scopes } }),
      },
      control: { minted: () => count },
      reset: () => {
        count = 0;
      },
    };
  },
};
