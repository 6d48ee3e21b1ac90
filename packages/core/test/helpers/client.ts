import type { Client } from "openapi-fetch";
import {
  type ApiClientOptions,
  createApiClient,
  defineVendor,
  type VendorDescriptor,
} from "../../src/adapter.ts";
import { type FakeFetch, fakeFetch, type Step } from "./fake-fetch.ts";

// A tiny hand-written `paths` type in the shape openapi-typescript generates, enough to drive a real
// openapi-fetch client through every HTTP method the middleware treats differently.

export interface TestUser {
  name: string;
  password?: string;
}

interface JsonContent<T> {
  headers: { [name: string]: unknown };
  content: { "application/json": T };
}

interface ErrorContent {
  headers: { [name: string]: unknown };
  content: { "application/json": { id: string; message: string } };
}

interface NoContent {
  headers: { [name: string]: unknown };
  content?: never;
}

interface NameParameter {
  query?: never;
  header?: never;
  path: { name: string };
  cookie?: never;
}

export interface paths {
  "/users": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { page?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: JsonContent<{ users: TestUser[] }>; default: ErrorContent };
    };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": TestUser } };
      responses: { 201: JsonContent<{ user: TestUser }>; default: ErrorContent };
    };
  };
  "/users/{name}": {
    parameters: NameParameter;
    get: {
      parameters: NameParameter;
      requestBody?: never;
      responses: { 200: JsonContent<{ user: TestUser }>; default: ErrorContent };
    };
    put: {
      parameters: NameParameter;
      requestBody: { content: { "application/json": { password: string } } };
      responses: { 200: JsonContent<{ user: TestUser }>; default: ErrorContent };
    };
    delete: {
      parameters: NameParameter;
      requestBody?: never;
      responses: { 204: NoContent; default: ErrorContent };
    };
  };
}

export const BASE_URL = "https://api.example.test/v2";

export interface TestClient extends FakeFetch {
  client: Client<paths>;
}

/** A vendor as a client package declares it, with the throttling answer Cloud66 uses (`503 throttled`). */
export const testVendor: VendorDescriptor = defineVendor({
  provider: "testvendor",
  parseError: (body) => {
    const { id, message } = body as { id?: unknown; message?: unknown };
    return {
      ...(typeof message === "string" ? { message } : {}),
      ...(typeof id === "string" ? { vendorCode: id } : {}),
    };
  },
  isThrottled: (response, body) => response.status === 503 && body === "throttled",
});

/** Core's client (`createApiClient`) for `testVendor`, talking to a scripted fake fetch. */
export function testClient(script: Step[], options: Partial<ApiClientOptions> = {}): TestClient {
  const fake = fakeFetch(script);
  const client = createApiClient<paths>(testVendor, {
    baseUrl: BASE_URL,
    fetch: fake.fetch,
    token: () => "do-token-123",
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { client, ...fake };
}
