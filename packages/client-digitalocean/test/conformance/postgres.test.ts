import { describeDatabaseUsers, digitalOceanFixture } from "@dbusers/testing";
import { createDigitalOceanUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  digitalOceanFixture({
    engine: "pg",
    name: "DigitalOcean (PostgreSQL cluster)",
    create: createDigitalOceanUsers,
  }),
);
