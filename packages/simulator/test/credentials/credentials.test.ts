import { describe, expect, it, onTestFinished } from "vitest";
import { type SimulatorOptionsFor, startVendorSimulator } from "../../src/framework/server.ts";
import { DEFAULT_TOKEN, TextBody } from "../../src/index.ts";
import { acme, acmeSpecsDir } from "./acme-vendor.ts";

const vendors = [acme] as const;

async function startAcme(options: SimulatorOptionsFor<typeof vendors> = {}) {
  const sim = await startVendorSimulator(vendors, { logger: false, specsDir: acmeSpecsDir(), ...options });
  onTestFinished(() => sim.close());
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${sim.urls.acme}/v1${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { sim, call };
}

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("credentials: each vendor reads its own, per security scheme", () => {
  it("reads the password of HTTP Basic with an empty user where the operation's scheme is basic", async () => {
    const { sim, call } = await startAcme({ tokens: { "api-token": ["things:read"] } });
    const exchanged = await call("POST", "/tokens/exchange", basic("", "api-token"));
    expect(exchanged.status).toBe(201);
    expect((await exchanged.json()).token).toMatch(/^acme_minted\./);

    // Another user name, a bearer token, or nothing: not this operation's credential.
    for (const headers of [basic("someone", "api-token"), bearer("api-token"), {}]) {
      const refused = await call("POST", "/tokens/exchange", headers);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: "unauthorized", message: "unauthorized" });
    }
    expect(sim.acme.minted()).toBe(1);
    expect(sim.violations).toEqual([]);
  });

  it("accepts a minted token with the scopes of the API token it was exchanged for, and refuses an expired one", async () => {
    const { sim, call } = await startAcme({ tokens: { reader: ["things:read"], nobody: [] } });
    const mint = async (apiToken: string, expiresIn?: number) =>
      (
        await (
          await call(
            "POST",
            "/tokens/exchange",
            basic("", apiToken),
            expiresIn === undefined ? undefined : { expires_in: expiresIn },
          )
        ).json()
      ).token as string;

    const token = await mint("reader");
    const things = await call("GET", "/things", bearer(token));
    expect(things.status).toBe(200);
    expect(await things.json()).toEqual({ things: ["anvil"] });
    // The API token itself is a static token: accepted as a bearer too.
    expect((await call("GET", "/things", bearer("reader"))).status).toBe(200);

    const withoutScope = await call("GET", "/things", bearer(await mint("nobody")));
    expect(withoutScope.status).toBe(403);

    const expired = await call("GET", "/things", bearer(await mint("reader", 0)));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: "unauthorized", message: "unauthorized" });
    expect(sim.violations).toEqual([]);
  });

  it("reads an API key from its own header", async () => {
    const { call } = await startAcme({ tokens: { "key-1": ["a", "b"] } });
    const known = await call("GET", "/whoami", { "x-api-key": "key-1" });
    expect(known.status).toBe(200);
    expect(await known.json()).toEqual({ scopes: ["a", "b"] });
    expect(await (await call("GET", "/whoami", { "x-api-key": DEFAULT_TOKEN })).json()).toEqual({
      scopes: ["*"],
    });
    expect((await call("GET", "/whoami", { "x-api-key": "key-2" })).status).toBe(401);
    expect((await call("GET", "/whoami", bearer("key-1"))).status).toBe(401);
  });

  it("rate-limits by credential whatever its scheme, and answers 429 in the vendor's plain text", async () => {
    const { sim, call } = await startAcme({
      tokens: { "key-1": ["*"], "key-2": ["*"] },
      rateLimit: { limit: 1 },
    });
    expect((await call("GET", "/whoami", { "x-api-key": "key-1" })).status).toBe(200);
    const throttled = await call("GET", "/whoami", { "x-api-key": "key-1" });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await throttled.text()).toBe("Too Many Requests");
    expect((await call("GET", "/whoami", { "x-api-key": "key-2" })).status).toBe(200);
    // The plain-text 429 is what acme's spec declares: no violation.
    expect(sim.violations).toEqual([]);
  });

  it("records a text body where the spec declares only JSON as a contract violation", async () => {
    const { sim, call } = await startAcme();
    sim.debug.transformResponse = (response) => ({ ...response, body: new TextBody("text/plain", "anvil") });
    const answer = await call("GET", "/things", bearer(DEFAULT_TOKEN));
    expect(answer.status).toBe(500);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await answer.json()).toMatchObject({ error: "contract_violation" });
    expect(sim.violations.map((v) => [v.kind, v.errors])).toEqual([
      ["response-body", ["body of type text/plain is not declared (declared: application/json)"]],
    ]);
  });

  it("refuses to start a vendor whose spec names a security scheme it has no credential reader for", async () => {
    const { api_key: _dropped, ...credentials } = acme.credentials as Record<string, never>;
    await expect(
      startVendorSimulator([{ ...acme, credentials }], { logger: false, specsDir: acmeSpecsDir() }),
    ).rejects.toThrow("vendor acme has no credential reader for the security scheme api_key of whoami");
  });
});
