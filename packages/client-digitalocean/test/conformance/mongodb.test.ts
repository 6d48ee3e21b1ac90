// MongoDB is the one DigitalOcean engine with read-only users: the suite checks them for real here.
import { describeDatabaseUsers } from "@dbusers/testing";
import { digitalOceanFixture } from "./fixture.ts";

await describeDatabaseUsers(digitalOceanFixture("mongodb", "DigitalOcean (MongoDB cluster)"));
