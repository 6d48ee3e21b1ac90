// `dbusers rotate` against the simulator: CURRENT alternates between the twin users, the store is 0600
// and the new password appears nowhere else unless asked, --plan sends nothing, and the exit codes.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import {
  dbusers,
  dbusersOnTty,
  digitalOceanEnv,
  hostUpEnv,
  SIMULATOR_OPTIONS,
  TOKEN,
  workFolder,
} from "./bin.ts";

const { sim, handled } = await startTestSimulator(SIMULATOR_OPTIONS);
const home = workFolder();
const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

/** A cluster with the user `app`, and a store path of its own. */
function target(name: string) {
  const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app" }] });
  return {
    id,
    env: digitalOceanEnv(sim, id, home),
    store: path.join(home, `${name}.rotation.json`),
    password: (user: string) => sim.digitalocean.getUser(id, user)?.password ?? "",
  };
}

interface RotateDocument {
  credential: string;
  current: string;
  previous?: string;
  rotations: number;
  actions: string[];
  password?: string;
}

/** The passwords the store file holds, by vendor user. */
function storedPasswords(store: string): Record<string, string> {
  const content = JSON.parse(readFileSync(store, "utf8")) as Record<
    string,
    { state: { passwords: Record<string, string> } }
  >;
  const [entry] = Object.values(content);
  return entry?.state.passwords ?? {};
}

const mutations = () => handled.filter((request) => !request.line.startsWith("GET "));

describe("rotate", () => {
  it("alternates CURRENT between the twin users; the store is 0600 and no password is printed", async () => {
    const { env, store, password } = target("alternate");
    const args = ["rotate", "app", "--store", store, "--drain-ms", "0", "-o", "json", "--debug"];

    const first = await dbusers(args, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      credential: "app",
      current: "app-twin",
      previous: "app",
    });
    expect(statSync(store).mode & 0o777).toBe(0o600);
    const twinPassword = password("app-twin");
    expect(twinPassword.length).toBeGreaterThanOrEqual(8);
    expect(storedPasswords(store)["app-twin"]).toBe(twinPassword);

    const second = await dbusers(args, env);
    expect(second.code).toBe(0);
    const document = JSON.parse(second.stdout) as RotateDocument;
    expect(document).toMatchObject({ current: "app", previous: "app-twin", rotations: 2 });
    expect(document).not.toHaveProperty("password");
    expect(storedPasswords(store)).toEqual({ app: password("app"), "app-twin": twinPassword });
    expect(statSync(store).mode & 0o777).toBe(0o600);

    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      expect(output).not.toContain(twinPassword);
      expect(output).not.toContain(password("app"));
      expect(output).not.toContain(TOKEN);
    }
    expect(second.stderr).toMatch(/debug: /); // the request lines were logged, without the secrets
  });

  it("shows CURRENT's password with --show-secrets, or writes it to a 0600 --secrets-file", async () => {
    const { env, store, password } = target("secrets");
    const shown = await dbusers(
      ["rotate", "app", "--store", store, "--drain-ms", "0", "--show-secrets", "-o", "json"],
      env,
    );
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as RotateDocument).password).toBe(password("app-twin"));

    const file = path.join(home, "rotate-secrets.json");
    const written = await dbusers(
      ["rotate", "app", "--store", store, "--drain-ms", "0", "--secrets-file", file],
      env,
    );
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ app: password("app") });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(written.stdout).toContain(`password of app: in ${store} and ${file} (mode 0600)`);
    expect(written.stdout).not.toContain(password("app"));
  });

  it("--plan says what would be done and sends nothing; rotate then does it", async () => {
    const { env, store } = target("plan");
    const planned = await dbusers(["rotate", "app", "--store", store, "--plan", "-o", "json"], env);
    expect(planned.code).toBe(0);
    const { plan } = JSON.parse(planned.stdout) as {
      plan: { current: string; pending: string; steps: string[] };
    };
    expect(plan).toMatchObject({ current: "app", pending: "app-twin" });
    expect(plan.steps.join("\n")).toContain("create it like app");
    expect(handled).toEqual([]);
    expect(existsSync(store)).toBe(false);

    const table = await dbusers(["rotate", "app", "--store", store, "--plan"], env);
    expect(table.stdout).toMatch(/^Rotation plan for app \(alternating\): app-twin would become CURRENT/);
    expect(handled).toEqual([]);

    expect((await dbusers(["rotate", "app", "--store", store], env)).code).toBe(0);
    expect(mutations().length).toBeGreaterThan(0); // the count above would have seen requests
  });

  it("exits 1 within PREVIOUS's drain period, sending no change, with the reason in the JSON error", async () => {
    const { env, store } = target("drain");
    expect((await dbusers(["rotate", "app", "--store", store], env)).code).toBe(0);
    handled.length = 0;
    const again = await dbusers(["rotate", "app", "--store", store, "-o", "json"], env);
    expect(again.code).toBe(1);
    const { error } = JSON.parse(again.stdout) as {
      error: { name: string; reason: string; outcome: string; retryAfterMs: number };
    };
    expect(error).toMatchObject({ name: "RotationError", reason: "drain-pending", outcome: "not-applied" });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(mutations()).toEqual([]);
  });

  it("exits 2 for a usage error, before sending anything", async () => {
    const { env, store } = target("usage");
    for (const args of [
      ["rotate", "app"],
      ["rotate", "app", "--store", store, "--drain-ms", "soon"],
      ["rotate", "app", "--store", store, "--strategy", "sideways"],
      ["rotate", "--store", store],
    ]) {
      const run = await dbusers(args, env);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
    }
    expect(handled).toEqual([]);
    expect(existsSync(store)).toBe(false);
  });

  it("shows its steps on a terminal, and nothing but the document in JSON mode there", async () => {
    const { env, store } = target("tty");
    const tty = await dbusersOnTty(["rotate", "app", "--store", store, "--drain-ms", "0"], env);
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(SPINNER_FRAME);
    expect(tty.stdout).toMatch(/✔.*app: CURRENT is app-twin/);

    const json = await dbusersOnTty(
      ["rotate", "app", "--store", store, "--drain-ms", "0", "-o", "json"],
      env,
    );
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(SPINNER_FRAME);
    expect(JSON.parse(json.stdout.replaceAll("\r", ""))).toMatchObject({
      current: "app",
      previous: "app-twin",
    });
  });
});

describe("rotate on vendors that do not report what a twin needs", () => {
  it("HostUp: --privileges grants the credential's privileges to the twin before it becomes CURRENT", async () => {
    const account = sim.hostup.addAccount({ databases: ["abcde_shop"] });
    sim.hostup.addUser(account.id, {
      username: "app_user",
      privileges: { abcde_shop: ["SELECT", "INSERT"] },
    });
    const env = hostUpEnv(sim, account.id, home);
    const store = path.join(home, "hostup.rotation.json");
    const run = await dbusers(
      [
        "rotate",
        "app",
        "--user",
        "app_user",
        "--store",
        store,
        "--privileges",
        "abcde_shop=SELECT,INSERT",
        "-o",
        "json",
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const { current } = JSON.parse(run.stdout) as RotateDocument;
    expect(current).not.toBe("app_user");
    expect(sim.hostup.getUser(account.id, current)?.privileges).toEqual({ abcde_shop: ["INSERT", "SELECT"] });
  });

  it("Cloud66: --twin-databases creates the twin on those databases; a bad list is a usage error", async () => {
    const stack = sim.cloud66.addStack({
      serverGroups: [{ databases: [{ uid: "db_app", name: "app_production" }] }],
      actions: { afterMs: 0 },
    });
    const groupId = stack.serverGroups[0]?.id ?? 0;
    sim.cloud66.addUser(stack.uid, groupId, { username: "app_user", database_ids: ["db_app"] });
    const env = {
      HOME: home,
      DBUSERS_PROVIDER: "cloud66",
      CLOUD66_TOKEN: TOKEN,
      CLOUD66_STACK_ID: stack.uid,
      CLOUD66_SERVER_GROUP_ID: String(groupId),
      DBUSERS_BASE_URL: sim.urls.cloud66,
    };
    const store = path.join(home, "cloud66.rotation.json");
    const base = ["rotate", "app", "--user", "app_user", "--store", store, "-o", "json"];
    expect((await dbusers([...base, "--twin-databases", "db_app,"], env)).code).toBe(2);
    const run = await dbusers([...base, "--twin-databases", "db_app"], env);
    expect(run.code, run.stderr).toBe(0);
    const { current } = JSON.parse(run.stdout) as RotateDocument;
    expect(current).not.toBe("app_user");
    expect(sim.cloud66.getUser(stack.uid, groupId, current)?.databases).toEqual(["app_production"]);
  });
});
