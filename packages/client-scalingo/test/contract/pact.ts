import path from "node:path";
import { fileURLToPath } from "node:url";
import { Matchers, Pact, type V3RegexMatcher } from "@pact-foundation/pact";
import type { DatabaseStateParams } from "./states.ts";

/** Pact files land in the package's git-ignored pacts/ folder, cleared by global-setup.ts. */
export const PACT_DIR: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pacts");

/**
 * One pact file per test file, so that two test files never write the same file at once: the Database
 * API's operations (`scalingo`) and the token flow in front of them (`scalingo-token-flow`).
 */
export function scalingoPact(provider: "scalingo" | "scalingo-token-flow"): Pact {
  return new Pact({ consumer: "dbusers-client-scalingo", provider, dir: PACT_DIR, logLevel: "warn" });
}

const { regex } = Matchers;

// String patterns: the Rust matcher behind Pact rejects JavaScript's escaped `\/`.
export const JSON_CONTENT: V3RegexMatcher = regex(
  "^application/json(;.*)?$",
  "application/json; charset=utf-8",
);
export const TEXT_CONTENT: V3RegexMatcher = regex("^text/plain(;.*)?$", "text/plain; charset=utf-8");
/** A JWT: three base64url parts. */
export const jwtLike = (example: string): V3RegexMatcher => regex("^[\\w-]+\\.[\\w-]+\\.[\\w-]+$", example);

export interface ContractRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** The whole `Authorization` header: `Bearer …`, or `Basic …` for the exchange. */
  authorization: string;
  body?: unknown;
}

type InteractionWithRequest = ReturnType<ReturnType<Pact["addInteraction"]>["withRequest"]>;

/** An interaction in the given provider states, for a request with Scalingo's JSON headers. */
export function interaction(
  pact: Pact,
  description: string,
  request: ContractRequest,
  states: Array<[string, DatabaseStateParams?]> = [],
): InteractionWithRequest {
  let builder = pact.addInteraction();
  for (const [state, params] of states) {
    builder = params ? builder.given(state, params) : builder.given(state);
  }
  return builder.uponReceiving(description).withRequest(request.method, request.path, (b) => {
    b.headers({ Accept: "application/json", Authorization: request.authorization });
    if (request.body !== undefined) b.jsonBody(request.body);
  });
}

/** What a response builder offers the helpers below. */
interface ResponseBuilder {
  headers(headers: Record<string, unknown>): unknown;
  body(contentType: string, body: Buffer): unknown;
}

/** Scalingo's plain-text 429, as its documentation quotes it (the charset is the header's business). */
export function retryLater(b: ResponseBuilder): void {
  b.headers({ "Content-Type": TEXT_CONTENT });
  b.body("text/plain", Buffer.from("Retry later"));
}

export const bearer = (token: string): string => `Bearer ${token}`;
export const basic = (apiToken: string): string => `Basic ${Buffer.from(`:${apiToken}`).toString("base64")}`;
