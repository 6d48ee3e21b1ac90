import { describeDatabaseUsers, hostUpFixture } from "@dbusers/testing";
import { createDatabaseUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  hostUpFixture({
    name: "hostup",
    create: (options) => createDatabaseUsers({ provider: "hostup", ...options }),
  }),
);
