// The scenario both consumers run, written once: esm.mjs and cjs.cjs load the packages their own way
// (so through the ES module and the CommonJS builds) and hand them in. Starts the simulator with its
// demo seed, creates a user in the demo PostgreSQL cluster, lists the users, looks up a missing one,
// and returns one report for tools/test/publish.test.ts to check.
const { inspect } = require("node:util");

exports.run = async function run({ format, client, simulator, resolved }) {
  const { createDigitalOceanUsers, DatabaseUsersError, NotFoundError, Secret } = client;
  const name = `${format}-consumer`;
  const sim = await simulator.startSimulator({ seed: "demo", logger: false });
  try {
    const cluster = sim.digitalocean.listClusters().find((c) => c.name === "demo-postgres");
    if (!cluster) throw new Error("the demo seed has no demo-postgres cluster");
    const users = createDigitalOceanUsers({
      token: simulator.DEFAULT_TOKEN,
      clusterId: cluster.id,
      baseUrl: sim.urls.digitalocean,
    });

    const { user, password } = await users.create({ name });
    const listed = (await users.list()).map((u) => u.name);
    const missing = await users.get("nobody-here").then(
      () => "found",
      (error) =>
        error instanceof NotFoundError && error instanceof DatabaseUsersError ? "NotFoundError" : `${error}`,
    );
    const stored = sim.digitalocean.getUser(cluster.id, name)?.password;
    return {
      format,
      resolved,
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
    };
  } finally {
    await sim.close();
  }
};
