import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A DigitalOcean-shaped list answer: three users, as a small cluster has. */
export const LIST_BODY: string = JSON.stringify({
  users: [
    { name: "doadmin", role: "primary", password: "pw-doadmin-0123456789" },
    { name: "app-01", role: "normal", password: "pw-app-01-0123456789" },
    { name: "app-02", role: "normal", password: "pw-app-02-0123456789" },
  ],
});

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The one server every per-call benchmark talks to, answering every request with the same list, so
 * that what differs between the measured clients is only what each layer adds on the client side.
 */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const server: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(LIST_BODY),
      "x-request-id": "bench",
    });
    response.end(LIST_BODY);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
