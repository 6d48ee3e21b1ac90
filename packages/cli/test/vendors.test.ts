// Every vendor is configured the sdk's way (its fromEnv variables), whatever the command.
import { startTestSimulator } from "@dbusers/testing";
import { expect, it } from "vitest";
import { dbusers, SIMULATOR_OPTIONS, TOKEN, workFolder } from "./bin.ts";

const { sim } = await startTestSimulator(SIMULATOR_OPTIONS);
const HOME = workFolder();

function environments(): [string, Record<string, string>, string][] {
  const database = sim.scalingo.addDatabase({ engine: "postgresql" });
  sim.scalingo.addUser(database.id, { name: "sc-user" });
  const stack = sim.cloud66.addStack({
    serverGroups: [{ databases: [{ uid: "db_1", name: "app" }] }],
    actions: { afterMs: 0 },
  });
  const groupId = stack.serverGroups[0]?.id ?? 0;
  sim.cloud66.addUser(stack.uid, groupId, { username: "c66_user" });
  const account = sim.hostup.addAccount({ databases: ["abcde_shop"] });
  sim.hostup.addUser(account.id, { username: "hu_user" });
  const cluster = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "do-user" }] });
  return [
    [
      "digitalocean",
      {
        DIGITALOCEAN_TOKEN: TOKEN,
        DIGITALOCEAN_CLUSTER_ID: cluster.id,
        DBUSERS_BASE_URL: sim.urls.digitalocean,
      },
      "do-user",
    ],
    [
      "scalingo",
      {
        SCALINGO_DATABASE_TOKEN: TOKEN,
        SCALINGO_DB_API_URL: sim.urls.scalingo,
        SCALINGO_DATABASE_ID: database.id,
      },
      "sc-user",
    ],
    [
      "cloud66",
      {
        CLOUD66_TOKEN: TOKEN,
        CLOUD66_STACK_ID: stack.uid,
        CLOUD66_SERVER_GROUP_ID: String(groupId),
        DBUSERS_BASE_URL: sim.urls.cloud66,
      },
      "c66_user",
    ],
    [
      "hostup",
      { HOSTUP_TOKEN: TOKEN, HOSTUP_ACCOUNT_ID: account.id, DBUSERS_BASE_URL: sim.urls.hostup },
      "hu_user",
    ],
  ];
}

it("lists the users of every vendor, and import writes each as a file plan finds nothing in", async () => {
  for (const [provider, variables, name] of environments()) {
    const env = { HOME, DBUSERS_PROVIDER: provider, ...variables };
    const list = await dbusers(["users", "list", "-o", "json"], env);
    expect([provider, list.code, list.stderr]).toEqual([provider, 0, ""]);
    expect((JSON.parse(list.stdout) as { users: { name: string }[] }).users.map((u) => u.name)).toContain(
      name,
    );
    const file = `${HOME}/${provider}.yaml`;
    expect((await dbusers(["import", "-f", file], env)).code).toBe(0);
    const plan = await dbusers(["plan", "-f", file, "--detailed-exitcode"], env);
    expect([provider, plan.code, plan.stderr]).toEqual([provider, 0, ""]);
  }
});
