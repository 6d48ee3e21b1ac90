import { describeDatabaseUsers } from "@dbusers/testing";
import { digitalOceanFixture } from "./fixture.ts";

await describeDatabaseUsers(digitalOceanFixture("pg", "DigitalOcean (PostgreSQL cluster)"));
