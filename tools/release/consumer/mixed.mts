// A consumer that mixes module formats: typed-cjs.cts makes a Secret (through dist/*.d.cts) and this ES
// module hands it to a client (through dist/*.d.mts). The two builds' `Secret` must be one type to
// TypeScript, as they are one class to each other at run time. Checked with tsconfig.node16.json.
import { createDigitalOceanUsers, type DigitalOceanUsers } from "@dbusers/client-digitalocean";
import { secretFromCommonJs } from "./typed-cjs.cjs";

export function usersWithCommonJsToken(baseUrl: string, clusterId: string): DigitalOceanUsers {
  return createDigitalOceanUsers({ token: secretFromCommonJs(), clusterId, baseUrl });
}
