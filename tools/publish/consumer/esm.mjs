// A consumer's ES module: the packages by name, as another team's service imports them. Starts the
// simulator with its demo seed, creates a user in the demo PostgreSQL cluster, lists the users, looks up
// a missing one, and prints one JSON report on stdout for tools/test/publish.test.ts to check.
import { inspect } from "node:util";
import {
  createDigitalOceanUsers,
  DatabaseUsersError,
  NotFoundError,
  Secret,
} from "@dbusers/client-digitalocean";
import { DEFAULT_TOKEN, startSimulator } from "@dbusers/simulator";

const NAME = "esm-consumer";
const sim = await startSimulator({ seed: "demo", logger: false });
try {
  const cluster = sim.digitalocean.listClusters().find((c) => c.name === "demo-postgres");
  if (!cluster) throw new Error("the demo seed has no demo-postgres cluster");
  const users = createDigitalOceanUsers({
    token: DEFAULT_TOKEN,
    clusterId: cluster.id,
    baseUrl: sim.urls.digitalocean,
  });

  const { user, password } = await users.create({ name: NAME });
  const listed = (await users.list()).map((u) => u.name);
  const missing = await users.get("nobody-here").then(
    () => "found",
    (error) =>
      error instanceof NotFoundError && error instanceof DatabaseUsersError ? "NotFoundError" : `${error}`,
  );
  const stored = sim.digitalocean.getUser(cluster.id, NAME)?.password;

  console.log(
    JSON.stringify({
      format: "esm",
      resolved: {
        client: import.meta.resolve("@dbusers/client-digitalocean"),
        simulator: import.meta.resolve("@dbusers/simulator"),
      },
      created: { provider: user.provider, name: user.name, role: user.role },
      listed,
      missing,
      password: {
        isSecret: password instanceof Secret,
        string: String(password),
        template: `${password}`,
        json: JSON.stringify({ password }),
        inspected: inspect({ password }),
        revealsStored: typeof stored === "string" && stored.length > 0 && password.reveal() === stored,
      },
    }),
  );
} finally {
  await sim.close();
}
