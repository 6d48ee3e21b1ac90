// scalingo.js 0.20's routing: the same paths on the regional API, with the exchanged bearer alone.
import { describeDatabaseUsers } from "@dbusers/testing";
import { scalingoFixture } from "./fixture.ts";

await describeDatabaseUsers(scalingoFixture("api", "mysql", "Scalingo (MySQL, regional API routing)"));
