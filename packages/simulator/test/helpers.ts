import { onTestFinished } from "vitest";
import { DEFAULT_TOKEN, type Simulator, type SimulatorOptions, startSimulator } from "../src/index.ts";

/** A simulator on a free port, closed after the test; silent unless a logger is given. */
export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ logger: false, ...options });
  onTestFinished(() => sim.close());
  return sim;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (e.g. malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** `null` sends no Authorization header. */
  token?: string | null;
  signal?: AbortSignal;
}

export interface DigitalOceanApi {
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  users(clusterId: string): string;
  user(clusterId: string, name: string): string;
  list(clusterId: string, options?: RequestOptions): Promise<ApiResponse>;
  add(clusterId: string, body: unknown, options?: RequestOptions): Promise<ApiResponse>;
  get(clusterId: string, name: string, options?: RequestOptions): Promise<ApiResponse>;
  update(clusterId: string, name: string, body: unknown, options?: RequestOptions): Promise<ApiResponse>;
  remove(clusterId: string, name: string, options?: RequestOptions): Promise<ApiResponse>;
  resetAuth(clusterId: string, name: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse>;
}

/** Bearer-authenticated JSON requests to one vendor API of a simulator, under `baseUrl`. */
export function vendorRequests(
  baseUrl: string,
  defaultToken: string | null = DEFAULT_TOKEN,
): (method: string, path: string, options?: RequestOptions) => Promise<ApiResponse> {
  return async (method, path, options = {}) => {
    const token = options.token === undefined ? defaultToken : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
  };
}

/** Real HTTP requests to the DigitalOcean API of a simulator. */
export function digitalOceanApi(
  sim: Simulator,
  defaultToken: string | null = DEFAULT_TOKEN,
): DigitalOceanApi {
  const request = vendorRequests(sim.urls.digitalocean, defaultToken);
  return {
    request,
    users: (clusterId: string) => `/v2/databases/${clusterId}/users`,
    user: (clusterId: string, name: string) => `/v2/databases/${clusterId}/users/${encodeURIComponent(name)}`,
    list: (clusterId: string, options?: RequestOptions) =>
      request("GET", `/v2/databases/${clusterId}/users`, options),
    add: (clusterId: string, body: unknown, options?: RequestOptions) =>
      request("POST", `/v2/databases/${clusterId}/users`, { ...options, body }),
    get: (clusterId: string, name: string, options?: RequestOptions) =>
      request("GET", `/v2/databases/${clusterId}/users/${encodeURIComponent(name)}`, options),
    update: (clusterId: string, name: string, body: unknown, options?: RequestOptions) =>
      request("PUT", `/v2/databases/${clusterId}/users/${encodeURIComponent(name)}`, { ...options, body }),
    remove: (clusterId: string, name: string, options?: RequestOptions) =>
      request("DELETE", `/v2/databases/${clusterId}/users/${encodeURIComponent(name)}`, options),
    resetAuth: (clusterId: string, name: string, body: unknown = {}, options?: RequestOptions) =>
      request("POST", `/v2/databases/${clusterId}/users/${encodeURIComponent(name)}/reset_auth`, {
        ...options,
        body,
      }),
  };
}

export const NOT_FOUND: { id: string; message: string } = {
  id: "not_found",
  message: "The resource you requested could not be found.",
};

export const UUID: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
