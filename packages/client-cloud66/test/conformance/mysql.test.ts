import { describeDatabaseUsers } from "@dbusers/testing";
import { cloud66Fixture } from "./fixture.ts";

await describeDatabaseUsers(cloud66Fixture);
