// Every vendor's conformance fixture with its adapter built through the facade, for the suites that
// run all four at once (fault matrix, input properties, load).
import {
  type ConformanceFixture,
  cloud66Fixture,
  cloud66Inputs,
  digitalOceanFixture,
  digitalOceanInputs,
  hostUpFixture,
  hostUpInputs,
  type InputArbitraries,
  scalingoFixture,
  scalingoInputs,
} from "@dbusers/testing";
import { createDatabaseUsers } from "../src/index.ts";

export interface FacadeFixture {
  fixture: ConformanceFixture;
  inputs: InputArbitraries;
}

export function facadeFixtures(): FacadeFixture[] {
  return [
    {
      fixture: digitalOceanFixture({
        engine: "pg",
        name: "digitalocean",
        create: (options) => createDatabaseUsers({ provider: "digitalocean", ...options }),
      }),
      inputs: digitalOceanInputs,
    },
    {
      fixture: scalingoFixture({
        routing: "db-api",
        engine: "postgresql",
        name: "scalingo",
        create: (options) => createDatabaseUsers({ provider: "scalingo", ...options }),
      }),
      inputs: scalingoInputs,
    },
    {
      fixture: cloud66Fixture({
        name: "cloud66",
        create: (options) => createDatabaseUsers({ provider: "cloud66", ...options }),
      }),
      inputs: cloud66Inputs,
    },
    {
      fixture: hostUpFixture({
        name: "hostup",
        create: (options) => createDatabaseUsers({ provider: "hostup", ...options }),
      }),
      inputs: hostUpInputs,
    },
  ];
}
