// A consumer's TypeScript compiled to CommonJS (.cts under module nodenext: the `require` condition, so
// dist/index.d.cts). Checked by tools/test/publish.test.ts with `tsc --noEmit`; must have no error.
import {
  createDigitalOceanUsers,
  type DigitalOceanUsers,
  NotFoundError,
  Secret,
} from "@dbusers/client-digitalocean";
import { DEFAULT_TOKEN } from "@dbusers/simulator";

export function usersAt(baseUrl: string, clusterId: string): DigitalOceanUsers {
  return createDigitalOceanUsers({ token: Secret.from(DEFAULT_TOKEN), clusterId, baseUrl });
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
