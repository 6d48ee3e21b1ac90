import { describeInputProperties, digitalOceanFixture, digitalOceanInputs } from "@dbusers/testing";
import { createDatabaseUsers } from "../../src/index.ts";

// Every input the facade accepts, per vendor: generated invalid input is refused before sending,
// generated valid input reaches the server byte for byte.
await describeInputProperties(
  digitalOceanFixture({
    engine: "pg",
    name: "digitalocean",
    create: (options) => createDatabaseUsers({ provider: "digitalocean", ...options }),
  }),
  digitalOceanInputs,
);
