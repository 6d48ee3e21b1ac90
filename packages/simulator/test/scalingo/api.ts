// Real HTTP requests to the Scalingo module of a simulator: its three services under one base URL.
import { DEFAULT_TOKEN, type Simulator } from "../../src/index.ts";

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text of any other body, `undefined` for none. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  body: any;
}

/** How a request authenticates: HTTP Basic with an empty user (the exchange), a bearer, or nothing. */
export type Credential = { basic: string } | { bearer: string } | null;

export interface ScalingoApi {
  request(method: string, path: string, credential: Credential, body?: unknown): Promise<Answer>;
  /** `POST /v1/tokens/exchange` with the API token as the password of an empty user. */
  exchange(apiToken?: string): Promise<Answer>;
  /** `POST /v1/apps/{app}/addons/{addon}/token` with a bearer. */
  addonToken(bearer: string, appId: string, addonId: string): Promise<Answer>;
  /** The bearer of a fresh exchange, then the addon token it gets for the database. */
  tokensFor(
    database: { id: string; appId: string },
    apiToken?: string,
  ): Promise<{ bearer: string; addon: string }>;
  /** The Database API for one database and token (an addon token, a bearer or a static token). */
  database(databaseId: string, token: string): DatabaseApi;
}

export interface DatabaseApi {
  list(): Promise<Answer>;
  create(user: Record<string, unknown>): Promise<Answer>;
  update(name: string, user: Record<string, unknown>): Promise<Answer>;
  reset(name: string, body?: unknown): Promise<Answer>;
  remove(name: string): Promise<Answer>;
}

export function scalingoApi(sim: Simulator): ScalingoApi {
  const request = async (method: string, path: string, credential: Credential, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (credential && "basic" in credential) {
      headers.authorization = `Basic ${Buffer.from(`:${credential.basic}`).toString("base64")}`;
    } else if (credential) {
      headers.authorization = `Bearer ${credential.bearer}`;
    }
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${sim.urls.scalingo}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = response.headers.get("content-type")?.startsWith("application/json");
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : json ? JSON.parse(text) : text,
    };
  };
  const exchange = (apiToken = DEFAULT_TOKEN) => request("POST", "/v1/tokens/exchange", { basic: apiToken });
  const addonToken = (bearer: string, appId: string, addonId: string) =>
    request("POST", `/v1/apps/${appId}/addons/${addonId}/token`, { bearer }, {});
  return {
    request,
    exchange,
    addonToken,
    async tokensFor(database, apiToken) {
      const bearer = (await exchange(apiToken)).body.token as string;
      const addon = (await addonToken(bearer, database.appId, database.id)).body.addon.token as string;
      return { bearer, addon };
    },
    database(databaseId, token) {
      const users = `/api/databases/${databaseId}/users`;
      const user = (name: string) => `${users}/${encodeURIComponent(name)}`;
      const bearer = { bearer: token };
      return {
        list: () => request("GET", users, bearer),
        create: (input) =>
          request("POST", users, bearer, { database_user: { database_id: databaseId, ...input } }),
        update: (name, input) =>
          request("PATCH", user(name), bearer, { database_user: { database_id: databaseId, ...input } }),
        reset: (name, body) => request("POST", `${user(name)}/reset_password`, bearer, body),
        remove: (name) => request("DELETE", user(name), bearer),
      };
    },
  };
}

/** The claims of a JWT, read without checking its signature. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

/** A password of `length` characters. */
export const passwordOf = (length: number): string => "p4ssw0rd-".repeat(8).slice(0, length);
