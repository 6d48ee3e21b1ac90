import { describe, expect, it } from "vitest";
import { DIGITALOCEAN_DEMO_SEED, VENDORS } from "../../src/index.ts";
import { digitalOceanApi, start } from "../helpers.ts";

const demoPg = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

describe("server, seeds and control handles", () => {
  it("listens on 127.0.0.1 and serves each vendor under its own prefix", async () => {
    const sim = await start();
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.urls.digitalocean).toBe(`${sim.url}/digitalocean`);
    const index = await (await fetch(sim.url)).json();
    // Every vendor of the list, each under its own prefix.
    expect(index).toEqual({ name: "@dbusers/simulator", vendors: sim.urls });
    expect(Object.keys(sim.urls)).toEqual(VENDORS.map((vendor) => vendor.name));
    await sim.close();
    await expect(fetch(sim.url)).rejects.toThrow();
  });

  it("answers outside every vendor prefix with the simulator's own 404, in no vendor's error format", async () => {
    const sim = await start();
    const response = await fetch(`${sim.url}/nowhere/v2/databases`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: "no_such_vendor",
      message: `No vendor API at /nowhere/v2/databases; vendors: ${VENDORS.map((v) => `/${v.name}`).join(", ")}`,
      vendors: sim.urls,
    });
  });

  it('seed "demo" gives the same clusters and users every time, and reset() restores them', async () => {
    const sim = await start({ seed: "demo" });
    const api = digitalOceanApi(sim);
    const shape = () =>
      sim.digitalocean
        .listClusters()
        .map((c) => ({ id: c.id, engine: c.engine, users: c.users.map((u) => u.name) }));
    expect(shape()).toEqual([
      { id: demoPg, engine: "pg", users: ["doadmin", "app-01"] },
      { id: DIGITALOCEAN_DEMO_SEED.clusters?.[1]?.id, engine: "mysql", users: ["doadmin", "app-02"] },
    ]);
    expect((await api.list(demoPg)).body.users).toHaveLength(2);

    await api.add(demoPg, { name: "temp" });
    await api.remove(demoPg, "app-01");
    sim.digitalocean.addCluster({ engine: "kafka" });
    sim.reset();
    expect(shape()).toEqual([
      { id: demoPg, engine: "pg", users: ["doadmin", "app-01"] },
      { id: DIGITALOCEAN_DEMO_SEED.clusters?.[1]?.id, engine: "mysql", users: ["doadmin", "app-02"] },
    ]);
    expect((await start({ seed: "empty" })).digitalocean.listClusters()).toEqual([]);
  });

  it("targets() lists what a client is configured with, for every vendor, as the state is now", async () => {
    const sim = await start({ seed: "demo" });
    const vendors = sim.targets().map(({ vendor }) => vendor);
    expect(new Set(vendors)).toEqual(new Set(VENDORS.map((vendor) => vendor.name)));
    const doIds = () =>
      sim
        .targets()
        .filter(({ vendor }) => vendor === "digitalocean")
        .map(({ target }) => target.ids["cluster id"]);
    expect(doIds()).toEqual([demoPg, DIGITALOCEAN_DEMO_SEED.clusters?.[1]?.id]);
    const added = sim.digitalocean.addCluster({ engine: "redis" });
    expect(doIds()).toContain(added.id);
    expect((await start({ seed: "empty" })).targets()).toEqual([]);
  });

  it("control handles set up provider states: clusters with fixed ids, users with fixed passwords", async () => {
    const sim = await start({
      seed: {
        digitalocean: {
          clusters: [{ id: demoPg, engine: "pg", users: [{ name: "doadmin", password: "p0" }] }],
        },
      },
    });
    const api = digitalOceanApi(sim);
    expect(sim.digitalocean.getUser(demoPg, "doadmin")).toMatchObject({ role: "primary", password: "p0" });

    const user = sim.digitalocean.addUser(demoPg, {
      name: "app-01",
      password: "fixed",
      settings: { pg_allow_replication: true },
    });
    expect(user).toEqual({
      name: "app-01",
      role: "normal",
      password: "fixed",
      settings: { pg_allow_replication: true },
    });
    expect((await api.get(demoPg, "app-01")).body.user).toEqual(user);

    // reads return copies: changing them changes nothing
    user.password = "changed";
    expect(sim.digitalocean.getUser(demoPg, "app-01")?.password).toBe("fixed");

    expect(() => sim.digitalocean.addUser(demoPg, { name: "app-01" })).toThrow("already exists");
    expect(() => sim.digitalocean.addUser("00000000-0000-0000-0000-000000000000", { name: "x" })).toThrow(
      "no DigitalOcean cluster",
    );
    expect(() => sim.digitalocean.addCluster({ id: demoPg, engine: "pg" })).toThrow("already exists");

    expect(sim.digitalocean.removeUser(demoPg, "doadmin")).toBe(true);
    expect((await api.get(demoPg, "doadmin")).status).toBe(404);
    expect(sim.digitalocean.removeCluster(demoPg)).toBe(true);
    expect((await api.list(demoPg)).status).toBe(404);
    expect(sim.digitalocean.listUsers(demoPg)).toEqual([]);
  });
});
