import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, DIGITALOCEAN_SCOPES } from "../../src/index.ts";
import { digitalOceanApi, start } from "../helpers.ts";

const UNAUTHORIZED = { id: "unauthorized", message: "Unable to authenticate you." };
const FORBIDDEN = { id: "forbidden", message: "You do not have access for the attempted action." };

const tokens = {
  reader: ["database:read"],
  "reader-with-credentials": ["database:read", "database:view_credentials"],
  creator: ["database:create"],
  updater: ["database:update"],
  deleter: ["database:delete"],
  nothing: [],
};

describe("DigitalOcean auth: bearer tokens and scopes", () => {
  it("answers 401 without a token, with an unknown token, or with another scheme", async () => {
    const sim = await start({ tokens });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg" });
    const answers = [
      await api.list(id, { token: null }),
      await api.list(id, { token: "dop_v1_unknown" }),
      await api.list(id, { token: null, headers: { authorization: `Basic ${btoa("user:pass")}` } }),
      await api.add(id, { name: "x" }, { token: null }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject(UNAUTHORIZED);
      expect(answer.headers.get("ratelimit-limit")).toBe("5000");
    }
    expect(sim.digitalocean.getUser(id, "x")).toBeUndefined();
    expect(sim.violations).toEqual([]);
  });

  it("answers 403 forbidden when the token lacks the operation's scope, and allows it with the scope", async () => {
    const sim = await start({ tokens });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "pg", users: [{ name: "app-01" }] });
    const operations = {
      list: (token: string) => api.list(id, { token }),
      get: (token: string) => api.get(id, "app-01", { token }),
      add: (token: string) => api.add(id, { name: `u-${token}` }, { token }),
      update: (token: string) => api.update(id, "app-01", { settings: {} }, { token }),
      reset: (token: string) => api.resetAuth(id, "app-01", {}, { token }),
      remove: (token: string) => api.remove(id, "app-01", { token }),
    };
    const allowedBy: Record<keyof typeof operations, keyof typeof tokens> = {
      list: "reader",
      get: "reader",
      add: "creator",
      update: "updater",
      reset: "updater",
      remove: "deleter",
    };
    for (const [operation, call] of Object.entries(operations) as Array<
      [keyof typeof operations, (t: string) => Promise<{ status: number; body: unknown }>]
    >) {
      for (const token of Object.keys(tokens) as Array<keyof typeof tokens>) {
        if (token === "reader-with-credentials") continue;
        const answer = await call(token);
        if (token === allowedBy[operation]) {
          expect(answer.status, `${operation} with ${token}`).toBeLessThan(300);
        } else {
          expect(answer.status, `${operation} with ${token}`).toBe(403);
          expect(answer.body).toMatchObject(FORBIDDEN);
        }
      }
    }
    expect(sim.violations).toEqual([]);
  });

  it("leaves password out of every response unless the token has database:view_credentials", async () => {
    const sim = await start({
      tokens: {
        ...tokens,
        "all-but-credentials": DIGITALOCEAN_SCOPES.filter((s) => s !== "database:view_credentials"),
      },
    });
    const api = digitalOceanApi(sim);
    const { id } = sim.digitalocean.addCluster({ engine: "mysql", users: [{ name: "app-01" }] });

    const hiddenList = await api.list(id, { token: "reader" });
    const hidden = [
      await api.get(id, "app-01", { token: "reader" }),
      await api.add(id, { name: "app-02" }, { token: "all-but-credentials" }),
      await api.update(id, "app-01", { settings: {} }, { token: "all-but-credentials" }),
      await api.resetAuth(id, "app-01", {}, { token: "all-but-credentials" }),
    ];
    const hiddenUsers = [...hiddenList.body.users, ...hidden.map((a) => a.body.user)];
    expect(hiddenUsers).toHaveLength(6);
    for (const user of hiddenUsers) {
      expect(user).not.toHaveProperty("password");
      expect(user.name).toBeTypeOf("string");
      expect(user.mysql_settings).toBeDefined();
    }

    const shownList = await api.list(id, { token: "reader-with-credentials" });
    const shown = [
      await api.get(id, "app-01", { token: "reader-with-credentials" }),
      await api.get(id, "app-01", { token: DEFAULT_TOKEN }),
    ];
    const shownUsers = [...shownList.body.users, ...shown.map((a) => a.body.user)];
    for (const user of shownUsers)
      expect(user.password).toBe(sim.digitalocean.getUser(id, user.name)?.password);
    expect(sim.violations).toEqual([]);
  });

  it("accepts the default token (every scope) unless defaultToken is false", async () => {
    const open = await start();
    const { id } = open.digitalocean.addCluster({ engine: "pg" });
    expect((await digitalOceanApi(open).add(id, { name: "x" })).status).toBe(201);

    const closed = await start({ defaultToken: false, tokens });
    const other = closed.digitalocean.addCluster({ engine: "pg" }).id;
    expect((await digitalOceanApi(closed).list(other)).status).toBe(401);
    expect((await digitalOceanApi(closed, "reader").list(other)).status).toBe(200);
  });
});
