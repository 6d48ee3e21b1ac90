import { describeInputProperties } from "@dbusers/testing";
import { facadeFixtures } from "../facade-fixtures.ts";

// Every input the facade accepts, per vendor: generated invalid input is refused before sending,
// generated valid input reaches the server byte for byte.
for (const { fixture, inputs } of facadeFixtures()) await describeInputProperties(fixture, inputs);
