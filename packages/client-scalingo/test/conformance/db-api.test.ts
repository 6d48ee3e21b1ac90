// The routing Scalingo documents (and its Go client and CLI use): the Database API with addon tokens.
import { describeDatabaseUsers, scalingoFixture } from "@dbusers/testing";
import { createScalingoUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  scalingoFixture({
    routing: "db-api",
    engine: "postgresql",
    name: "Scalingo (PostgreSQL, db-api routing)",
    create: createScalingoUsers,
  }),
);
