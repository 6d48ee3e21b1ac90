// The routing Scalingo documents (and its Go client and CLI use): the Database API with addon tokens.
import { describeDatabaseUsers } from "@dbusers/testing";
import { scalingoFixture } from "./fixture.ts";

await describeDatabaseUsers(scalingoFixture("db-api", "postgresql", "Scalingo (PostgreSQL, db-api routing)"));
