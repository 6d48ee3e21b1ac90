import { defineVendor, type VendorDescriptor, type VendorErrorDetails } from "@dbusers/core/adapter";
import type { DigitalOceanErrorBody } from "./types.ts";

/** Everything core needs to know about DigitalOcean, declared once (bearer tokens are core's default). */
export const digitalocean: VendorDescriptor = defineVendor({
  provider: "digitalocean",
  parseError: parseDigitalOceanError,
  // 5,000 requests an hour and 250 a minute per token; the hourly window is also in `ratelimit-*`.
  rateLimits: [
    { limit: 250, windowMs: 60_000 },
    { limit: 5_000, windowMs: 3_600_000 },
  ],
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
