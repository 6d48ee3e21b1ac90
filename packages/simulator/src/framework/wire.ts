import { type ResponseBody, type SimulatorResponse, TextBody } from "./types.ts";

/** A response as it is sent: status, headers and the body serialized (`undefined`: no body). */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  payload: string | undefined;
}

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** The `content-type` a body is sent with: its own for a `TextBody`, JSON for any other, none without. */
export function contentTypeHeader(body: ResponseBody | undefined): Record<string, string> {
  if (body === undefined) return {};
  return { "content-type": body instanceof TextBody ? body.contentType : JSON_CONTENT_TYPE };
}

export function toWire(response: SimulatorResponse): WireResponse {
  const { body } = response;
  return {
    status: response.status,
    headers: response.headers ?? {},
    payload: body === undefined ? undefined : body instanceof TextBody ? body.text : JSON.stringify(body),
  };
}
