import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { VendorPipeline } from "./pipeline.ts";

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const previous = query[key];
    query[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

/**
 * The Fastify route of one vendor (served under `prefix`): hands the request to the vendor's pipeline
 * and carries out its outcome. `closing` aborts when the simulator closes: a delayed answer is then
 * dropped at once instead of waiting out its delay.
 */
export function vendorRoute(
  pipeline: VendorPipeline,
  prefix: string,
  closing: AbortSignal,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const rawUrl = request.raw.url ?? "/";
    const q = rawUrl.indexOf("?");
    const outcome = await pipeline.handle({
      method: request.method,
      path: (q === -1 ? rawUrl : rawUrl.slice(0, q)).slice(prefix.length),
      query: parseQuery(q === -1 ? "" : rawUrl.slice(q + 1)),
      headers: request.headers,
      rawBody: typeof request.body === "string" ? request.body : undefined,
      remoteAddress: request.ip,
    });
    const socket = request.raw.socket;
    if (outcome.kind === "hang") {
      reply.hijack();
      // Until the client gives up, or `sim.close()` destroys every connection (forceCloseConnections).
      await once(socket, "close").catch(() => {});
      return;
    }
    if (outcome.delayMs > 0) await sleep(outcome.delayMs, undefined, { signal: closing }).catch(() => {});
    if (outcome.kind === "drop" || closing.aborted) {
      reply.hijack();
      socket.destroy();
      return;
    }
    const { status, headers, payload } = outcome.response;
    reply.code(status).headers(headers);
    await reply.send(payload);
  };
}
