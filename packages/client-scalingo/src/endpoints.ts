import { throwIfInvalid } from "@dbusers/core/adapter";
import { scalingo } from "./vendor.ts";

/** Scalingo's authentication service, the same for every region (path-level server of `token_exchange`). */
export const SCALINGO_AUTH_URL = "https://auth.scalingo.com";

/** The regions of specs/scalingo.yaml and their two hosts: the regional API and the Database API. */
export const SCALINGO_REGIONS = {
  "osc-fr1": {
    apiUrl: "https://api.osc-fr1.scalingo.com",
    dbApiUrl: "https://db-api.osc-fr1.scalingo.com",
  },
  "osc-secnum-fr1": {
    apiUrl: "https://api.osc-secnum-fr1.scalingo.com",
    dbApiUrl: "https://db-api.osc-secnum-fr1.scalingo.com",
  },
} as const;

/** `osc-fr1` (Paris) or `osc-secnum-fr1` (Paris, SecNumCloud). */
export type ScalingoRegion = keyof typeof SCALINGO_REGIONS;

export const DEFAULT_REGION: ScalingoRegion = "osc-fr1";

/**
 * Which host serves the database routes, and with which token:
 * - `"db-api"`: `https://db-api.<region>.scalingo.com` with an addon token, as Scalingo's documentation,
 *   go-scalingo and the CLI do;
 * - `"api"`: the regional API, `https://api.<region>.scalingo.com`, with the exchanged bearer and no
 *   addon token, as scalingo.js 0.20 does since Scalingo started moving these routes (May 2026).
 */
export type ScalingoRouting = "db-api" | "api";

export const ROUTINGS: readonly ScalingoRouting[] = ["db-api", "api"];

/** The three base URLs a token flow and its database calls need. */
export interface ScalingoEndpoints {
  authUrl: string;
  apiUrl: string;
  dbApiUrl: string;
}

export interface EndpointOptions {
  region?: ScalingoRegion | undefined;
  authUrl?: string | undefined;
  apiUrl?: string | undefined;
  dbApiUrl?: string | undefined;
  /** One root for every service (a proxy, the simulator); wins over the others. */
  baseUrl?: string | undefined;
}

/**
 * The base URLs: `baseUrl` for all, else each explicit URL, else the region's. Scalingo's documentation
 * writes the Database API as a bare host (`https://$DB_API_URL/api/…`) where its regions API returns a
 * full URL: both are taken, a bare host meaning HTTPS.
 */
export function resolveEndpoints(options: EndpointOptions): ScalingoEndpoints {
  const { region = DEFAULT_REGION } = options;
  if (!Object.hasOwn(SCALINGO_REGIONS, region)) {
    const known = Object.keys(SCALINGO_REGIONS).join(", ");
    throwIfInvalid(
      [{ path: "region", message: `must be one of ${known} (for another, give apiUrl and dbApiUrl)` }],
      scalingo.provider,
    );
  }
  const hosts = SCALINGO_REGIONS[region];
  const pick = (field: keyof ScalingoEndpoints, fallback: string): string => {
    // Each URL given is checked, even where baseUrl wins over it.
    const url = normalizeUrl(options[field] ?? fallback, field);
    return options.baseUrl === undefined ? url : normalizeUrl(options.baseUrl, "baseUrl");
  };
  return {
    authUrl: pick("authUrl", SCALINGO_AUTH_URL),
    apiUrl: pick("apiUrl", hosts.apiUrl),
    dbApiUrl: pick("dbApiUrl", hosts.dbApiUrl),
  };
}

/** An http(s) URL as given, or a bare host as `https://host`; anything else is a ValidationError. */
export function normalizeUrl(value: unknown, field: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL | undefined;
  try {
    url = text === "" ? undefined : new URL(candidate);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    throwIfInvalid([{ path: field, message: "must be an http(s) URL or a host name" }], scalingo.provider);
  }
  return candidate;
}
