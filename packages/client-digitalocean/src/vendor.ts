import type { RateWindow } from "@dbusers/core";
import { defineVendor, type VendorDescriptor, type VendorErrorDetails } from "@dbusers/core/adapter";
import type { DigitalOceanErrorBody } from "./types.ts";

/** DigitalOcean's documented limits per token: 250 a minute, 5,000 an hour (also in `ratelimit-*`). */
export const DIGITALOCEAN_RATE_LIMITS: readonly RateWindow[] = [
  { limit: 250, windowMs: 60_000 },
  { limit: 5_000, windowMs: 3_600_000 },
];

/** Everything core needs to know about DigitalOcean, declared once (bearer tokens are core's default). */
export const digitalocean: VendorDescriptor = defineVendor({
  provider: "digitalocean",
  parseError: parseDigitalOceanError,
  rateLimits: DIGITALOCEAN_RATE_LIMITS,
});

/** Reads DigitalOcean's error body `{ id, message, request_id? }` (components.schemas.error). */
function parseDigitalOceanError(body: unknown): VendorErrorDetails {
  if (typeof body !== "object" || body === null) return {};
  const { id, message, request_id } = body as Partial<DigitalOceanErrorBody>;
  return {
    ...(typeof message === "string" ? { message } : {}),
    ...(typeof id === "string" ? { vendorCode: id } : {}),
    ...(typeof request_id === "string" ? { requestId: request_id } : {}),
  };
}
