import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Secret } from "@dbusers/core";
import { describe, expect, it } from "vitest";
import {
  createFileStore,
  createMemoryStore,
  type RotationState,
  type RotationStore,
  StoreConflictError,
} from "../src/index.ts";

const state = (current: string): RotationState => ({
  credential: "app",
  provider: "digitalocean",
  users: ["app", "app-twin"],
  current,
  passwords: { [current]: new Secret(`password of ${current}`) },
  due: [],
  rotations: 1,
  updatedAt: 1,
});

const folder = await mkdtemp(path.join(tmpdir(), "dbusers-rotation-store-"));

describe.each([
  ["memory", () => createMemoryStore()],
  ["file", () => createFileStore(path.join(folder, `${Math.random()}.json`))],
] as Array<[string, () => RotationStore]>)("%s store", (_kind, make) => {
  it("compares and sets: a write naming an old version changes nothing", async () => {
    const store = make();
    expect(await store.get("k")).toBeUndefined();
    expect(await store.put("k", state("app"), 0)).toBe(1);
    await expect(store.put("k", state("app-twin"), 0)).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.put("k", state("app-twin"), 1)).toBe(2);
    await expect(store.put("k", state("app"), 1)).rejects.toMatchObject({ expected: 1, found: 2 });
    const read = await store.get("k");
    expect(read?.version).toBe(2);
    expect(read?.state.current).toBe("app-twin");
    expect(read?.state.passwords["app-twin"]?.reveal()).toBe("password of app-twin");
    expect(JSON.stringify(read)).not.toContain("password of");
  });

  it("lets one of two concurrent writers of a version win", async () => {
    const store = make();
    const results = await Promise.allSettled([
      store.put("k", state("app"), 0),
      store.put("k", state("app-twin"), 0),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});

describe("file store", () => {
  it("writes its file for its owner only (0600), by rename: no temporary file is left", async () => {
    const dir = await mkdtemp(path.join(folder, "atomic-"));
    const file = path.join(dir, "rotations.json");
    const store = createFileStore(file);
    await store.put("a", state("app"), 0);
    await store.put("a", state("app-twin"), 1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["rotations.json"]);
    // A second store on the same file (another process after a restart) reads what the first wrote.
    expect((await createFileStore(file).get("a"))?.state.passwords["app-twin"]?.reveal()).toBe(
      "password of app-twin",
    );
    expect(await readFile(file, "utf8")).toContain('"version": 2');
  });
});
