import { Secret } from "@dbusers/core";
import { type RotationState, StoreConflictError } from "@dbusers/rotation";
import { describe, expect, it } from "vitest";
import { createRedisRotationStore } from "../src/index.ts";
import { connect, freshPrefix } from "./redis.ts";

/** CURRENT is `current`, whose password the state holds; the rest as after a first rotation. */
function state(current: string): RotationState {
  const passwords = { [current]: new Secret(`password of ${current}`) };
  return {
    credential: "app",
    provider: "digitalocean",
    users: ["app", "app-twin"],
    current,
    passwords,
    due: [],
    rotations: 1,
    updatedAt: 1,
  };
}

describe("createRedisRotationStore", () => {
  it("is one store for every replica: what one writes, another reads, and a stale version is refused", async () => {
    const prefix = freshPrefix();
    const [writer, reader] = await Promise.all([connect(), connect()]);
    const first = createRedisRotationStore(writer, { prefix });
    const second = createRedisRotationStore(reader, { prefix });
    expect(await second.get("billing")).toBeUndefined();
    const version = await first.put("billing", state("app-twin"), 0);
    const read = await second.get("billing");
    expect({ version: read?.version, current: read?.state.current }).toEqual({
      version,
      current: "app-twin",
    });
    expect(read?.state.passwords["app-twin"]?.reveal()).toBe("password of app-twin");
    // Redacted when shown, stored in clear (the README says why Redis must be private).
    expect(JSON.stringify(read)).not.toContain("password of");
    expect(await reader.hget(`${prefix}rotation:billing`, "state")).toContain("password of app-twin");
    const stale = await second.put("billing", state("app"), 0).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StoreConflictError);
    expect(stale).toMatchObject({ key: "billing", expected: 0, found: 1 });
    expect((await first.get("billing"))?.state.current).toBe("app-twin");
  });

  it("lets one of many concurrent writers of a version win, across connections", async () => {
    const prefix = freshPrefix();
    const stores = await Promise.all(
      Array.from({ length: 4 }, async () => createRedisRotationStore(await connect(), { prefix })),
    );
    const results = await Promise.allSettled(stores.map((store, i) => store.put("k", state(`user${i}`), 0)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });
});
