import type { DatabaseCluster } from "./types.ts";

/**
 * Creates login `name` on `cluster`, then gives it its access with `grant` (each vendor's own: one
 * database, several, MySQL privileges). A grant the server refuses drops the login again: a simulated
 * user is on the server whole, or not at all.
 */
export async function createLoginWith(
  cluster: DatabaseCluster,
  name: string,
  password: string,
  grant: () => Promise<void>,
): Promise<void> {
  await cluster.createUser(name, password);
  try {
    await grant();
  } catch (error) {
    await cluster.dropUser(name).catch(() => {});
    throw error;
  }
}
