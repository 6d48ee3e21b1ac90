// `pnpm demo`: the DigitalOcean database-user lifecycle through @dbusers/client-digitalocean.
//
// Runs against @dbusers/simulator, started in-process, unless DIGITALOCEAN_TOKEN and
// DIGITALOCEAN_CLUSTER_ID are set: then it runs against the real API on that cluster (it creates and
// deletes a user named dbusers-demo-<random>).
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import {
  createDigitalOceanUsers,
  type DigitalOceanUser,
  type DigitalOceanUsers,
} from "@dbusers/client-digitalocean";
import { DatabaseUsersError, type Logger } from "@dbusers/core";
import { DEFAULT_TOKEN, type Simulator, startSimulator } from "@dbusers/simulator";

/** The PostgreSQL cluster of the simulator's demo seed. */
const DEMO_CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

const step = (title: string) => console.log(`\n── ${title} ${"─".repeat(Math.max(0, 72 - title.length))}`);
const row = (user: DigitalOceanUser) => ({
  name: user.name,
  role: user.role ?? "",
  protected: user.protected ?? false,
  "mysql auth": user.raw.mysql_settings?.auth_plugin ?? "",
});

// Keeps the per-request debug lines so the demo can show one with its credentials masked.
const requestLog: { message: string; meta?: Record<string, unknown> }[] = [];
const logger: Logger = { debug: (message, meta) => requestLog.push({ message, meta }) };

async function connect(): Promise<{ users: DigitalOceanUsers; sim?: Simulator }> {
  const token = process.env.DIGITALOCEAN_TOKEN;
  const clusterId = process.env.DIGITALOCEAN_CLUSTER_ID;
  if (token && clusterId) {
    console.log(`Target: the DigitalOcean API, cluster ${clusterId}`);
    return { users: createDigitalOceanUsers({ token, clusterId, logger }) };
  }
  const sim = await startSimulator({ seed: "demo", logger: false });
  console.log(`Target: @dbusers/simulator at ${sim.urls.digitalocean} (set DIGITALOCEAN_TOKEN and`);
  console.log("DIGITALOCEAN_CLUSTER_ID to run the same tour against the real API)");
  const users = createDigitalOceanUsers({
    token: DEFAULT_TOKEN,
    clusterId: DEMO_CLUSTER_ID,
    baseUrl: sim.urls.digitalocean,
    logger,
    retry: { baseDelayMs: 50 },
  });
  return { users, sim };
}

async function tour(users: DigitalOceanUsers, sim: Simulator | undefined): Promise<void> {
  const name = `dbusers-demo-${randomBytes(3).toString("hex")}`;

  step(`create user ${name}`);
  const created = await users.create({ name });
  console.table([{ ...row(created.user), password: String(created.password) }]);

  step("list every user of the cluster");
  console.table((await users.list()).map(row));

  step(`reset the password of ${name}`);
  const reset = await users.resetPassword(name);
  const rotated = reset.password.reveal() !== created.password.reveal();
  console.log(
    `new password generated: ${rotated ? "yes" : "NO"}, ${reset.password.reveal().length} characters`,
  );

  step("what logs see of a password");
  console.log("console.log(password)      →", inspect(reset.password));
  console.log("String(password)           →", String(reset.password));
  console.log("JSON.stringify({password}) →", JSON.stringify({ password: reset.password }));
  console.log("password.reveal()          → (the real value, only where the code asks for it)");
  const resetLine = requestLog.findLast((entry) => entry.message.includes("reset_auth"));
  console.log("debug log of the reset request:");
  console.log(
    inspect(
      {
        message: resetLine?.message,
        requestHeaders: resetLine?.meta?.requestHeaders,
        responseBody: resetLine?.meta?.responseBody,
      },
      { depth: 4, colors: false, breakLength: 100 },
    ),
  );

  if (sim) {
    step("a create whose response is lost (simulated dropped connection)");
    const retried = `${name}-2`;
    sim.failNext({ drop: "after-handling", operationId: "databases_add_user" });
    const reconciled = await users.create({ name: retried });
    const stored = sim.digitalocean.getUser(DEMO_CLUSTER_ID, retried)?.password;
    console.log(
      `created once, found by lookup, password rotated so the caller knows it: ${stored === reconciled.password.reveal() ? "yes" : "NO"}`,
    );
    await users.delete(retried);

    step("a 503 on a read is retried with backoff");
    sim.failNext({ status: 503, operationId: "databases_get_user" });
    const fetched = await users.get(name);
    const attempts = requestLog.filter((entry) => entry.message.includes(`/users/${name} `)).slice(-2);
    console.table(
      attempts.map(({ meta }) => ({
        request: `GET …/users/${name}`,
        attempt: meta?.attempt,
        status: meta?.status,
      })),
    );
    console.log(`got ${fetched.name} after the retry`);
  }

  step(`delete ${name}`);
  await users.delete(name);
  console.log("deleted");

  step(`get ${name} again`);
  try {
    await users.get(name);
    console.log("unexpected: the user still exists");
    process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof DatabaseUsersError)) throw error;
    const { name: kind, code, status, vendorCode, requestId, message } = error;
    for (const [key, value] of Object.entries({
      class: kind,
      code,
      status,
      vendorCode,
      requestId,
      message,
    })) {
      console.log(`${key.padEnd(10)} ${value}`);
    }
  }
}

const { users, sim } = await connect();
try {
  await tour(users, sim);
  if (sim && sim.violations.length > 0) {
    console.error(`the simulator broke its spec ${sim.violations.length} time(s)`, sim.violations);
    process.exitCode = 1;
  }
} finally {
  await sim?.close();
}
