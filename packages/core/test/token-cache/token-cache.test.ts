import { describe, expect, it, vi } from "vitest";
import { createTokenCache, type TokenCacheOptions } from "../../src/adapter.ts";
import { REDACTED, Secret } from "../../src/index.ts";
import { jwtExpiresAt } from "../../src/token-cache.ts";
import { jwt, jwtExpiringIn } from "../helpers/jwt.ts";

const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

/** A cache on a clock the test moves, whose fetch hands out `tokens` in turn and counts the calls. */
function cacheOf(tokens: string[], options: Partial<TokenCacheOptions> = {}) {
  let clock = START;
  const fetch = vi.fn(async () => {
    const token = tokens.shift();
    if (token === undefined) throw new Error("no more tokens");
    return token;
  });
  const cache = createTokenCache({ fetch, now: () => clock, ...options });
  const value = async () => (await cache()).reveal();
  return { cache, fetch, value, advance: (ms: number) => (clock += ms) };
}

describe("createTokenCache: when a token is fetched", () => {
  it("fetches once and hands the same token to later callers, as a Secret", async () => {
    const token = jwtExpiringIn(3600, START);
    const { cache, fetch, value } = cacheOf([token]);
    const first = await cache();
    expect(first).toBeInstanceOf(Secret);
    expect(String(first)).toBe(REDACTED);
    for (let i = 0; i < 50; i++) expect(await value()).toBe(token);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("renews 5 minutes before the JWT's exp, not earlier", async () => {
    const [first, second] = [jwtExpiringIn(3600, START), jwtExpiringIn(3600, START + 55 * MINUTE)];
    const { fetch, value, advance } = cacheOf([first, second]);
    expect(await value()).toBe(first);
    advance(55 * MINUTE - 1);
    expect(await value()).toBe(first);
    advance(1);
    expect(await value()).toBe(second);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("takes renewBeforeMs as the margin", async () => {
    const { fetch, value, advance } = cacheOf([jwtExpiringIn(3600, START), "next"], {
      renewBeforeMs: 10 * MINUTE,
    });
    await value();
    advance(50 * MINUTE - 1);
    await value();
    expect(fetch).toHaveBeenCalledTimes(1);
    advance(1);
    expect(await value()).toBe("next");
  });

  it("renews a token shorter-lived than the margin half-way through its life, not on every call", async () => {
    const { fetch, value, advance } = cacheOf([jwtExpiringIn(240, START), "next"]);
    await value();
    advance(2 * MINUTE - 1);
    await value();
    expect(fetch).toHaveBeenCalledTimes(1);
    advance(1);
    expect(await value()).toBe("next");
  });

  it("keeps a token whose expiry cannot be read until it is invalidated", async () => {
    const { fetch, value, advance, cache } = cacheOf(["opaque-token", "next"]);
    await value();
    advance(365 * 24 * 60 * MINUTE);
    expect(await value()).toBe("opaque-token");
    cache.invalidate();
    expect(await value()).toBe("next");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("assumes lifetimeMs for such a token, renewing it the margin before", async () => {
    const { fetch, value, advance } = cacheOf(["opaque-token", "next"], { lifetimeMs: 60 * MINUTE });
    await value();
    advance(55 * MINUTE - 1);
    expect(await value()).toBe("opaque-token");
    advance(1);
    expect(await value()).toBe("next");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("distrusts the local clock when a fresh JWT is already expired by it: lifetimeMs applies", async () => {
    const skewed = jwtExpiringIn(-60, START);
    const { fetch, value, advance } = cacheOf([skewed, "next"], { lifetimeMs: 60 * MINUTE });
    expect(await value()).toBe(skewed);
    advance(30 * MINUTE);
    expect(await value()).toBe(skewed);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("createTokenCache: concurrent callers", () => {
  it("share one in-flight fetch", async () => {
    let release: (token: string) => void = () => {};
    const fetch = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const cache = createTokenCache({ fetch });
    const callers = Array.from({ length: 50 }, () => cache());
    release("shared-token");
    const tokens = await Promise.all(callers);
    expect(new Set(tokens.map((token) => token.reveal()))).toEqual(new Set(["shared-token"]));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("all get a failed fetch's error, which is not cached: the next call fetches again", async () => {
    const failure = new Error("exchange refused");
    const fetch = vi.fn().mockRejectedValueOnce(failure).mockResolvedValueOnce("second-try");
    const cache = createTokenCache({ fetch });
    const outcomes = await Promise.allSettled([cache(), cache(), cache()]);
    expect(outcomes).toEqual(Array(3).fill({ status: "rejected", reason: failure }));
    expect((await cache()).reveal()).toBe("second-try");
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe("createTokenCache: a caller's signal", () => {
  it("a caller who aborts stops waiting, with its reason; the fetch goes on for the others and is cached", async () => {
    let release: (token: string) => void = () => {};
    const fetch = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const cache = createTokenCache({ fetch });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const leaving = cache({ signal: controller.signal });
    const staying = cache();
    controller.abort(reason);
    await expect(leaving).rejects.toBe(reason);
    release("shared-token");
    expect((await staying).reveal()).toBe("shared-token");
    expect((await cache({ signal: new AbortController().signal })).reveal()).toBe("shared-token");
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("an already aborted signal is refused at once, without a fetch", async () => {
    const fetch = vi.fn(async () => "token");
    const reason = new Error("too late");
    await expect(createTokenCache({ fetch })({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("createTokenCache: invalidate", () => {
  it("forgets the refused token, so the next caller gets a new one", async () => {
    const { cache, fetch, value } = cacheOf(["first", "second"]);
    await value();
    cache.invalidate("first");
    expect(await value()).toBe("second");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("keeps a newer token when an older one is reported refused (a concurrent call renewed it)", async () => {
    const { cache, fetch, value } = cacheOf(["first", "second"]);
    await value();
    cache.invalidate("first");
    await value();
    cache.invalidate("first");
    expect(await value()).toBe("second");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("while a renewal is in flight, leaves its result in place", async () => {
    let release: (token: string) => void = () => {};
    const fetch = vi
      .fn<() => Promise<string>>()
      .mockResolvedValueOnce("old")
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const cache = createTokenCache({ fetch });
    await cache();
    cache.invalidate("old");
    const renewing = cache();
    cache.invalidate("old");
    release("new");
    expect((await renewing).reveal()).toBe("new");
    expect((await cache()).reveal()).toBe("new");
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe("jwtExpiresAt", () => {
  it("reads exp (seconds) as milliseconds, from base64url with its - and _", () => {
    // "~~~" and "???" encode to base64url with '-' and '_' where base64 has '+' and '/'.
    expect(jwtExpiresAt(jwt({ exp: 1_767_225_600, a: "~~~", b: "???" }))).toBe(1_767_225_600_000);
    expect(jwtExpiresAt(jwt({ exp: 1_767_225_600, name: "Zoë ✓" }))).toBe(1_767_225_600_000);
  });

  it.each([
    ["not a JWT", "tk-us-opaque"],
    ["two parts", "a.b"],
    ["four parts", `${jwt({ exp: 1 })}.x`],
    ["a payload that is not base64", "a.!!!.c"],
    ["a payload that is not JSON", `a.${Buffer.from("exp").toString("base64url")}.c`],
    ["a payload that is not an object", `a.${Buffer.from("null").toString("base64url")}.c`],
    ["no exp", jwt({ iat: 1 })],
    ["an exp that is a string", jwt({ exp: "1767225600" })],
  ])("is undefined for %s", (_, token) => {
    expect(jwtExpiresAt(token)).toBeUndefined();
  });
});
