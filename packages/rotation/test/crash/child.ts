// A rotation in a process of its own, killed (SIGKILL: no cleanup, no finally) at its N-th step
// boundary. Argument: JSON { config, twin, storePath, credential, crashAt }. Each boundary is written
// to stdout before the next, so the parent knows where it died.
import { writeSync } from "node:fs";
import { createDatabaseUsers, type DatabaseUsersConfig } from "@dbusers/sdk";
import { createFileStore, createRotation, type TwinOptions } from "../../src/index.ts";

interface ChildInput {
  config: DatabaseUsersConfig;
  twin: TwinOptions;
  storePath: string;
  credential: string;
  crashAt: number;
}

const input = JSON.parse(process.argv[2] ?? "{}") as ChildInput;
let boundaries = 0;
const rotation = createRotation({
  users: createDatabaseUsers(input.config),
  store: createFileStore(input.storePath),
  credential: input.credential,
  twin: input.twin,
  drainMs: 0,
  onStep({ boundary }) {
    boundaries += 1;
    writeSync(1, `${JSON.stringify({ boundary })}\n`);
    if (boundaries === input.crashAt) process.kill(process.pid, "SIGKILL");
  },
});
await rotation.rotate();
writeSync(1, `${JSON.stringify({ done: true })}\n`);
