// A consumer's CommonJS module: the same scenario as esm.mjs, through `require`, so through the
// packages' CommonJS builds. Prints one JSON report on stdout for tools/test/publish.test.ts to check.
const { inspect } = require("node:util");
const {
  createDigitalOceanUsers,
  DatabaseUsersError,
  NotFoundError,
  Secret,
} = require("@dbusers/client-digitalocean");
const { DEFAULT_TOKEN, startSimulator } = require("@dbusers/simulator");

const NAME = "cjs-consumer";

async function main() {
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
        format: "cjs",
        resolved: {
          client: require.resolve("@dbusers/client-digitalocean"),
          simulator: require.resolve("@dbusers/simulator"),
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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
