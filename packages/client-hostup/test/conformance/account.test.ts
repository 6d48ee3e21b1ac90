import { describeDatabaseUsers, hostUpFixture } from "@dbusers/testing";
import { createHostUpUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  hostUpFixture({ name: "HostUp (shared-hosting account)", create: createHostUpUsers }),
);
