import { cloud66Fixture, describeDatabaseUsers } from "@dbusers/testing";
import { createDatabaseUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  cloud66Fixture({
    name: "cloud66",
    create: (options) => createDatabaseUsers({ provider: "cloud66", ...options }),
  }),
);
