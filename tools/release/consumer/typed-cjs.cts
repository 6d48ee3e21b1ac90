// A consumer's TypeScript compiled to CommonJS (.cts under module node16: the `require` condition, so
// dist/index.d.cts). Checked by tools/test/release.test.ts with tsconfig.node16.json; must have no error.
import {
  createDigitalOceanUsers,
  type DigitalOceanUsers,
  NotFoundError,
  Secret,
} from "@dbusers/client-digitalocean";
import { createDatabaseUsers, fromEnv } from "@dbusers/sdk";
import { DEFAULT_TOKEN } from "@dbusers/simulator";

export function usersAt(baseUrl: string, clusterId: string): DigitalOceanUsers {
  return createDigitalOceanUsers({ token: Secret.from(DEFAULT_TOKEN), clusterId, baseUrl });
}

/** Handed to an ES module (mixed.mts), which passes it to the ESM build's client. */
export function secretFromCommonJs(): Secret {
  return Secret.from(DEFAULT_TOKEN);
}

export function fromEnvironment(env: Record<string, string | undefined>) {
  return createDatabaseUsers(fromEnv(env));
}

export async function exists(users: DigitalOceanUsers, name: string): Promise<boolean> {
  return users.get(name).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
}
