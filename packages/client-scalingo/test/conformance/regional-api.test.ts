// scalingo.js 0.20's routing: the same paths on the regional API, with the exchanged bearer alone.
import { describeDatabaseUsers, scalingoFixture } from "@dbusers/testing";
import { createScalingoUsers } from "../../src/index.ts";

await describeDatabaseUsers(
  scalingoFixture({
    routing: "api",
    engine: "mysql",
    name: "Scalingo (MySQL, regional API routing)",
    create: createScalingoUsers,
  }),
);
