import { cloud66Fixture, describeDatabaseUsers } from "@dbusers/testing";
import { createCloud66Users } from "../../src/index.ts";

await describeDatabaseUsers(
  cloud66Fixture({ name: "Cloud66 (MySQL server group)", create: createCloud66Users }),
);
