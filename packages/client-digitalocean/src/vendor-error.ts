import type { VendorErrorDetails } from "@dbusers/core";
import type { DigitalOceanErrorBody } from "./types.ts";

/** Reads DigitalOcean's error body `{ id, message, request_id? }` (components.schemas.error). */
export function parseDigitalOceanError(body: unknown): VendorErrorDetails {
  if (typeof body !== "object" || body === null) return {};
  const { id, message, request_id } = body as Partial<DigitalOceanErrorBody>;
  return {
    ...(typeof message === "string" ? { message } : {}),
    ...(typeof id === "string" ? { vendorCode: id } : {}),
    ...(typeof request_id === "string" ? { requestId: request_id } : {}),
  };
}
