// MongoDB is the one DigitalOcean engine with read-only users: the suite checks them for real here.
import { describeDatabaseUsers, digitalOceanFixture } from "@dbusers/testing";
import { createDigitalOceanUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  digitalOceanFixture({
    engine: "mongodb",
    name: "DigitalOcean (MongoDB cluster)",
    create: createDigitalOceanUsers,
  }),
);
