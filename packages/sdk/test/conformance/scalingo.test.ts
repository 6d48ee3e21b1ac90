import { describeDatabaseUsers, scalingoFixture } from "@dbusers/testing";
import { createDatabaseUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  scalingoFixture({
    routing: "db-api",
    engine: "postgresql",
    name: "scalingo",
    create: (options) => createDatabaseUsers({ provider: "scalingo", ...options }),
  }),
);
