// The scenario both consumers run, written once: esm.mjs and cjs.cjs load the packages their own way
// (so through the ES module and the CommonJS builds) and hand them in. As another team's service and its
// tests would: starts the simulator (a devDependency) with its demo seed, then, in the demo PostgreSQL
// cluster, creates a user through the facade (@dbusers/sdk), lists the users through the client package
// itself, and looks up a missing one. Returns one report for tools/test/release.test.ts to check.
const { inspect } = require("node:util");

exports.run = async function run({ format, sdk, client, simulator, resolved }) {
  const name = `${format}-consumer`;
  const sim = await simulator.startSimulator({ seed: "demo", logger: false });
  try {
    const cluster = sim.digitalocean.listClusters().find((c) => c.name === "demo-postgres");
    if (!cluster) throw new Error("the demo seed has no demo-postgres cluster");
    const options = { token: simulator.DEFAULT_TOKEN, clusterId: cluster.id, baseUrl: sim.urls.digitalocean };
    const users = sdk.createDatabaseUsers({ provider: "digitalocean", ...options });
    const direct = client.createDigitalOceanUsers(options);

    const { user, password } = await users.create({ name });
    const listed = (await direct.list()).map((u) => u.name);
    // The facade re-exports the client's error classes: one @dbusers/core in node_modules, so either works.
    const missing = await users.get("nobody-here").then(
      () => "found",
      (error) =>
        error instanceof client.NotFoundError && error instanceof sdk.DatabaseUsersError
          ? "NotFoundError"
          : `${error}`,
    );
    const stored = sim.digitalocean.getUser(cluster.id, name)?.password;
    return {
      format,
      resolved,
      providers: sdk.PROVIDERS,
      created: { provider: user.provider, name: user.name, role: user.role },
      listed,
      missing,
      password: {
        isSecret: password instanceof client.Secret,
        string: String(password),
        template: `${password}`,
        json: JSON.stringify({ password }),
        inspected: inspect({ password }),
        revealsStored: typeof stored === "string" && stored.length > 0 && password.reveal() === stored,
      },
      violations: sim.violations.length,
    };
  } finally {
    await sim.close();
  }
};
