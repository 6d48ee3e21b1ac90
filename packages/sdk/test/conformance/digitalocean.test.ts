import { describeDatabaseUsers, digitalOceanFixture } from "@dbusers/testing";
import { createDatabaseUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  digitalOceanFixture({
    engine: "pg",
    name: "digitalocean",
    create: (options) => createDatabaseUsers({ provider: "digitalocean", ...options }),
  }),
);
