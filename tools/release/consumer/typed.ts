// A consumer's TypeScript, as an ES module. tools/test/release.test.ts checks it with `tsc --noEmit`
// under two strict configurations, tsconfig.node16.json and tsconfig.bundler.json (so through
// dist/*.d.mts either way); it must compile without a single error.
import {
  createDigitalOceanUsers,
  type DigitalOceanUser,
  type DigitalOceanUsers,
  type UserWithPassword,
} from "@dbusers/client-digitalocean";
import {
  createDatabaseUsers,
  type DatabaseUser,
  type DatabaseUsers,
  type DatabaseUsersConfig,
  NotFoundError,
  type ProviderName,
  Secret,
} from "@dbusers/sdk";
import { createDatabaseUsers as createDigitalOcean } from "@dbusers/sdk/digitalocean";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";

export function usersOf(sim: Simulator, clusterId: string): DigitalOceanUsers {
  return createDigitalOceanUsers({
    token: new Secret(DEFAULT_TOKEN),
    clusterId,
    baseUrl: sim.urls.digitalocean,
  });
}

/** The facade's config is told apart by its provider; the one-vendor entry gives the client's own type. */
export function viaFacade(config: DatabaseUsersConfig): { provider: ProviderName; users: DatabaseUsers } {
  if (config.provider === "digitalocean") {
    const typed: DigitalOceanUsers = createDigitalOcean(config);
    return { provider: config.provider, users: typed };
  }
  return { provider: config.provider, users: createDatabaseUsers(config) };
}

/** Vendor-neutral code: works with any adapter. */
export async function findUser(users: DatabaseUsers, name: string): Promise<DatabaseUser | undefined> {
  try {
    return await users.get(name);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export async function rotate(
  users: DigitalOceanUsers,
  name: string,
): Promise<UserWithPassword<DigitalOceanUser>> {
  const rotated = await users.resetPassword(name);
  const secret: Secret = rotated.password;
  const value: string = secret.reveal();
  const role: string | undefined = rotated.user.raw.role;
  if (value.length === 0 || role === "primary") throw new Error("unexpected");
  return rotated;
}

export async function demo(): Promise<string[]> {
  const sim = await startSimulator({ seed: "demo", logger: false });
  try {
    const [cluster] = sim.digitalocean.listClusters();
    if (!cluster) return [];
    const users = createDatabaseUsers({
      provider: "digitalocean",
      token: DEFAULT_TOKEN,
      clusterId: cluster.id,
      baseUrl: sim.urls.digitalocean,
    });
    const { user, password } = await users.create({ name: "typed-consumer" });
    await findUser(usersOf(sim, cluster.id), user.name);
    return [user.name, String(password), ...(await users.list()).map((u) => u.name)];
  } finally {
    await sim.close();
  }
}
