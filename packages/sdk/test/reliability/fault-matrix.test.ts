import { describeFaultMatrix, digitalOceanFixture } from "@dbusers/testing";
import { createDatabaseUsers } from "../../src/index.ts";

// Every operation of every vendor, through the facade, under every fault the simulator injects.
await describeFaultMatrix([
  digitalOceanFixture({
    engine: "pg",
    name: "digitalocean",
    create: (options) => createDatabaseUsers({ provider: "digitalocean", ...options }),
  }),
]);
