import { STATUS_CODES } from "node:http";
import type { Fault } from "./faults.ts";
import type { WireResponse } from "./wire.ts";

/**
 * The error page a reverse proxy or load balancer in front of the API sends (nginx's), instead of the
 * vendor's JSON: clients must not assume every error body is in the vendor's format.
 */
export function htmlErrorPage(status: number): WireResponse {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    payload: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}

/** A handled request's response, broken the way the fault says: cut short, or with a wrong content type. */
export function breakHandledResponse(fault: Fault | undefined, response: WireResponse): WireResponse {
  if (fault?.truncate && response.payload !== undefined) {
    return { ...response, payload: response.payload.slice(0, Math.floor(response.payload.length / 2)) };
  }
  if (fault?.contentType !== undefined) {
    return { ...response, headers: { ...response.headers, "content-type": fault.contentType } };
  }
  return response;
}
