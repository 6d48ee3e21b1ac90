// Where no twin can stand in for CURRENT, rotation refuses before sending anything, unless the caller
// asks for the in-place strategy (not zero-downtime); a twin unlike CURRENT is never promoted.
import { createDatabaseUsers } from "@dbusers/sdk";
import { DEFAULT_TOKEN } from "@dbusers/simulator";
import { startTestSimulator } from "@dbusers/testing";
import { describe, expect, it } from "vitest";
import { createMemoryStore, createRotation, RotationError } from "../src/index.ts";
import { addTarget, ORIGINAL, ORIGINAL_PASSWORD, originalUser } from "./targets.ts";

const { sim, handled } = await startTestSimulator();
// Scalingo's token exchanges are POSTs too, but change no user.
const mutations = () =>
  handled.filter((request) => !request.line.startsWith("GET") && !request.operationId?.includes("token"));

describe("capabilities decide", () => {
  it("refuses a twin of Scalingo's protected owner, sending nothing; in-place is the caller's choice and refused by Scalingo", async () => {
    const database = sim.scalingo.addDatabase({});
    const owner = sim.scalingo.listUsers(database.id).find((user) => user.protected)?.name ?? "";
    const users = createDatabaseUsers({
      provider: "scalingo",
      apiToken: DEFAULT_TOKEN,
      appId: database.appId,
      addonId: database.id,
      baseUrl: sim.urls.scalingo,
    });
    const rotation = createRotation({ users, store: createMemoryStore(), credential: "owner", user: owner });
    const refused = await rotation.rotate().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RotationError);
    expect(refused).toMatchObject({ reason: "twin-unavailable", outcome: "not-applied" });
    expect(String((refused as Error).message)).toMatch(/protected owner.*strategy: "in-place"/);
    expect(mutations()).toEqual([]);
    expect(sim.scalingo.listUsers(database.id)).toHaveLength(1);

    const inPlace = createRotation({
      users,
      store: createMemoryStore(),
      credential: "owner",
      user: owner,
      strategy: "in-place",
    });
    await expect(inPlace.rotate()).rejects.toMatchObject({ reason: "vendor-error", outcome: "not-applied" });
  });

  it("refuses a twin of DigitalOcean's primary user", async () => {
    const target = addTarget(sim, "digitalocean");
    const users = createDatabaseUsers(target.config);
    const rotation = createRotation({ users, store: createMemoryStore(), credential: "doadmin" });
    await expect(rotation.rotate()).rejects.toMatchObject({
      reason: "twin-unavailable",
      outcome: "not-applied",
    });
    expect(mutations()).toEqual([]);
  });

  it("refuses a twin name that someone else's user holds before the first rotation", async () => {
    const target = addTarget(sim, "hostup");
    const users = createDatabaseUsers(target.config);
    await users.create({ name: `${ORIGINAL}_twin` });
    const before = target.password(`${ORIGINAL}_twin`);
    handled.length = 0;
    const rotation = createRotation({
      users,
      store: createMemoryStore(),
      credential: ORIGINAL,
      twin: target.twin,
    });
    await expect(rotation.rotate()).rejects.toMatchObject({ reason: "twin-unavailable" });
    expect(mutations()).toEqual([]);
    expect(target.password(`${ORIGINAL}_twin`)).toBe(before);
  });

  it("refuses a Cloud 66 twin without database UIDs: Cloud 66 lists names but creates by UID", async () => {
    const target = addTarget(sim, "cloud66");
    const rotation = createRotation({
      ...originalUser(target),
    });
    await expect(rotation.rotate()).rejects.toMatchObject({ reason: "twin-unavailable" });
    expect(mutations()).toEqual([]);
  });

  it("never promotes a twin whose vendor-side attributes differ (Scalingo read_only): CURRENT stays", async () => {
    const target = addTarget(sim, "scalingo");
    const databaseId = (target.config as { addonId: string }).addonId;
    const store = createMemoryStore();
    const rotation = createRotation({
      users: createDatabaseUsers(target.config),
      store,
      credential: ORIGINAL,
      initialPassword: ORIGINAL_PASSWORD,
      drainMs: 0,
    });
    const { current: twin } = await rotation.rotate();
    // PREVIOUS changed behind the rotation's back: now read-only.
    sim.scalingo.removeUser(databaseId, ORIGINAL);
    sim.scalingo.addUser(databaseId, { name: ORIGINAL, read_only: true });
    const refused = await rotation.rotate().catch((error: unknown) => error);
    expect(refused).toMatchObject({ reason: "attributes-differ", outcome: "not-applied" });
    expect(String((refused as Error).message)).toContain("read_only: false (CURRENT) vs true");
    expect((await rotation.current())?.username).toBe(twin);
    expect((await rotation.current())?.password.reveal()).toBe(target.password(twin));
  });
});

describe("in-place", () => {
  it("resets CURRENT's own password: one user, the old password dead at once", async () => {
    const target = addTarget(sim, "digitalocean");
    const rotation = createRotation({
      ...originalUser(target),
      initialPassword: ORIGINAL_PASSWORD,
      strategy: "in-place",
    });
    await expect(rotation.rotate()).resolves.toMatchObject({
      rotated: true,
      current: ORIGINAL,
      rotations: 1,
    });
    expect(target.names()).toEqual([ORIGINAL]);
    expect(target.password(ORIGINAL)).not.toBe(ORIGINAL_PASSWORD);
    expect((await rotation.current())?.password.reveal()).toBe(target.password(ORIGINAL));
  });
});
