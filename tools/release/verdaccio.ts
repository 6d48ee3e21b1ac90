// A throwaway npm registry for tools/test/release.test.ts: verdaccio 6 on 127.0.0.1, on a port the
// kernel picks, with its configuration, storage and users in the folder given as the only argument,
// and no uplinks, so it serves only what is published into it and never reaches another registry.
//
//   node tools/release/verdaccio.ts <dir>
//
// Once listening it reports `{ url: "http://127.0.0.1:<port>/" }` over the IPC channel when started with
// one (child_process.fork), else as a line on stdout. It runs as a child process rather than inside the
// test, so that nothing the test does can stall it and stopping it is a plain kill. Started with an IPC
// channel it also stops by itself when that channel closes, which happens when the process that started
// it dies, however it dies: it cannot outlive its test.
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { runServer } from "verdaccio";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node tools/release/verdaccio.ts <dir>");
  process.exit(2);
}

// JSON is YAML. No `uplinks`: a package that was not published here is a 404.
const configPath = path.join(dir, "config.yaml");
const config = {
  storage: path.join(dir, "storage"),
  auth: { htpasswd: { file: path.join(dir, "htpasswd") } },
  // JWT tokens, checked by their signature. The default (legacy) token makes verdaccio check the user's
  // bcrypt password hash on every request, some 100 ms each, most of the time it takes to publish.
  security: { api: { legacy: false, jwt: { sign: { expiresIn: "1h" } } } },
  uplinks: {},
  packages: { "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" } },
  log: { type: "stdout", format: "pretty", level: "warn" },
};
writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

const server = await runServer(configPath);
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  const ready = { url: `http://127.0.0.1:${port}/` };
  if (process.send) process.send(ready);
  else console.log(JSON.stringify(ready));
});

function stop(): void {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  // Whatever verdaccio still holds open (timers, file watchers) must not keep it alive.
  setTimeout(() => process.exit(0), 1_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
