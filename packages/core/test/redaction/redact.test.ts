import { describe, expect, it } from "vitest";
import { redactBody, redactHeaders, redactText, withoutSecretFields } from "../../src/adapter.ts";
import { REDACTED, Secret } from "../../src/index.ts";

describe("redactText", () => {
  it.each([
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx.sig", "eyJhbGciOiJIUzI1NiJ9"],
    ["sent basic dXNlcjpwYXNzd29yZA== upstream", "dXNlcjpwYXNzd29yZA=="],
    ["https://api.test/users?token=abc123&page=2", "abc123"],
    ["password=hunter2", "hunter2"],
    ["password: hunter2", "hunter2"],
    ["PASSWORD = 'hunter 2'", "hunter 2"],
    ['password "hunter2" does not meet policy', "hunter2"],
    ["api_key=k-123, other=1", "k-123"],
    ["secret=s3; more", "s3"],
    ["postgresql://doadmin:AVNS_abc123@db.example.com:25060/defaultdb", "AVNS_abc123"],
    ["https://:tk-us-apitoken123@auth.scalingo.com/v1/tokens/exchange", "tk-us-apitoken123"],
    ['{"name":"alice","password":"p@ss\\"word"}', 'p@ss\\"word'],
    ['{"access_token": "tok-1"}', "tok-1"],
  ])("masks the secret in %j", (text, secret) => {
    const redacted = redactText(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it("keeps the label and the rest of the text", () => {
    expect(redactText("https://api.test/users?token=abc123&page=2")).toBe(
      "https://api.test/users?token=[REDACTED]&page=2",
    );
    expect(redactText("postgresql://doadmin:pw@db.example.com:25060/d")).toBe(
      "postgresql://doadmin:[REDACTED]@db.example.com:25060/d",
    );
    expect(redactText("Authorization: Bearer abc.def")).toBe("Authorization: Bearer [REDACTED]");
  });

  it("leaves text without secrets unchanged", () => {
    const text =
      "User alice not found in cluster 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30 (https://api.test/v2/x)";
    expect(redactText(text)).toBe(text);
  });
});

describe("redactHeaders", () => {
  it("masks credential headers and any header naming a token", () => {
    const headers = new Headers({
      Authorization: "Bearer abc",
      Cookie: "session=1",
      "X-Api-Key": "k",
      "X-CxToken": "cx",
      "X-Auth-Token": "t",
      "Content-Type": "application/json",
      "X-Request-Id": "r-1",
    });
    expect(redactHeaders(headers)).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      "x-api-key": REDACTED,
      "x-cxtoken": REDACTED,
      "x-auth-token": REDACTED,
      "content-type": "application/json",
      "x-request-id": "r-1",
    });
  });

  it("masks set-cookie and accepts plain records", () => {
    expect(redactHeaders({ "Set-Cookie": "a=b", Accept: "application/json" })).toEqual({
      "set-cookie": REDACTED,
      accept: "application/json",
    });
  });
});

describe("redactBody", () => {
  it("masks credential fields recursively, in objects and arrays", () => {
    const body = {
      user: { name: "alice", password: "pw1", role: "normal" },
      users: [{ name: "bob", password: "pw2" }, { name: "carol" }],
      connection: { uri: "postgres://u:pw3@h:1/db", host: "h" },
      access_key: "ak",
      access_cert: "cert",
      private_key: "pk",
      db_password: "pw4",
      apiToken: "t",
      client_secret: "cs",
      Authorization: "Bearer z",
    };
    const redacted = redactBody(body);
    const text = JSON.stringify(redacted);
    for (const secret of ["pw1", "pw2", "pw3", "pw4", "ak", '"cert"', '"pk"', '"t"', "cs", "Bearer z"]) {
      expect(text).not.toContain(secret);
    }
    expect(redacted).toMatchObject({
      user: { name: "alice", password: REDACTED, role: "normal" },
      users: [{ name: "bob", password: REDACTED }, { name: "carol" }],
      connection: { host: "h" },
    });
  });

  it("does not modify the original", () => {
    const body = { password: "pw" };
    redactBody(body);
    expect(body.password).toBe("pw");
  });

  it("keeps null credential fields (nothing to hide, and their absence is informative)", () => {
    expect(redactBody({ password: null })).toEqual({ password: null });
  });

  it("masks Secret values wherever they are", () => {
    expect(redactBody({ nested: { value: new Secret("x") } })).toEqual({ nested: { value: REDACTED } });
  });

  it("returns primitives as they are and redacts strings", () => {
    expect(redactBody(42)).toBe(42);
    expect(redactBody(null)).toBe(null);
    expect(redactBody("token=abc")).toBe(`token=${REDACTED}`);
  });
});

describe("withoutSecretFields", () => {
  it("drops every credential-named field, keeping the rest and the fields named as public", () => {
    const raw = {
      name: "alice",
      password: "p",
      password_confirmation: "p",
      api_token: "t",
      access_cert: "c",
      role: "x",
    };
    expect(withoutSecretFields(raw)).toEqual({ name: "alice", role: "x" });
    expect(withoutSecretFields(raw, ["access_cert"])).toEqual({ name: "alice", access_cert: "c", role: "x" });
    expect(raw.password).toBe("p");
  });

  it("copies a body's own __proto__ key as a field, never as the copy's prototype", () => {
    const raw = JSON.parse('{"name":"alice","__proto__":{"isAdmin":true}}') as object;
    const copy = withoutSecretFields(raw) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.isAdmin).toBeUndefined();
    expect(Object.keys(copy)).toEqual(["name", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ isAdmin: true });
  });
});
