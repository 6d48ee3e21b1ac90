// A consumer's TypeScript, as an ES module (module nodenext, "type": "module": the `import` condition,
// so dist/index.d.mts). tools/test/publish.test.ts checks it with `tsc --noEmit` under a strict
// tsconfig.json; it must compile without a single error.
import {
  createDigitalOceanUsers,
  type DatabaseUser,
  type DatabaseUsers,
  type DigitalOceanUser,
  type DigitalOceanUsers,
  NotFoundError,
  Secret,
  type UserWithPassword,
} from "@dbusers/client-digitalocean";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";

export function usersOf(sim: Simulator, clusterId: string): DigitalOceanUsers {
  return createDigitalOceanUsers({
    token: new Secret(DEFAULT_TOKEN),
    clusterId,
    baseUrl: sim.urls.digitalocean,
  });
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
    const users = usersOf(sim, cluster.id);
    const { user, password } = await users.create({ name: "typed-consumer" });
    const neutral: DatabaseUsers = users; // a vendor adapter is a DatabaseUsers
    await findUser(neutral, user.name);
    return [user.name, String(password), ...(await users.list()).map((u) => u.name)];
  } finally {
    await sim.close();
  }
}
