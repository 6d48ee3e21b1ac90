import { describeDatabaseUsers } from "@dbusers/testing";
import { hostUpFixture } from "./fixture.ts";

await describeDatabaseUsers(hostUpFixture());
