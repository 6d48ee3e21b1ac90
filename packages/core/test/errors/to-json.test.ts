// `JSON.stringify(error)`: what a service logging JSON keeps of a dbusers error.
import { describe, expect, it } from "vitest";
import {
  DatabaseUsersError,
  NotFoundError,
  RateLimitError,
  UnavailableError,
  ValidationError,
} from "../../src/index.ts";

const TOKEN = "dop_v1_0123456789abcdef0123456789abcdef";

const serialized = (error: unknown) => JSON.parse(JSON.stringify(error)) as Record<string, unknown>;

describe("toJSON", () => {
  it("writes name and message, which an Error alone does not, with the fields it has", () => {
    const error = new NotFoundError("hostup: no user reporting", {
      provider: "hostup",
      status: 404,
      requestId: "req-1",
      vendorCode: "not_found",
    });
    expect(JSON.stringify(error)).toBe(
      '{"name":"NotFoundError","message":"hostup: no user reporting","code":"not_found","status":404,' +
        '"requestId":"req-1","vendorCode":"not_found","provider":"hostup","retryable":false}',
    );
  });

  it("leaves out what the error does not have, and its cause", () => {
    const cause = new Error(`connect ECONNREFUSED https://user:${TOKEN}@api.example`);
    const json = serialized(
      new UnavailableError("digitalocean: unreachable", { provider: "digitalocean", cause }),
    );
    expect(json).toEqual({
      name: "UnavailableError",
      message: "digitalocean: unreachable",
      code: "unavailable",
      provider: "digitalocean",
      retryable: true,
    });
  });

  it("writes a ValidationError's issues and a RateLimitError's wait", () => {
    const invalid = new ValidationError("scalingo: invalid input: name must be set", {
      provider: "scalingo",
      issues: [{ path: "name", message: "must be set", code: "missing" }],
    });
    expect(serialized(invalid)).toMatchObject({
      name: "ValidationError",
      issues: [{ path: "name", message: "must be set", code: "missing" }],
    });
    const limited = new RateLimitError("cloud66: slow down", {
      provider: "cloud66",
      status: 429,
      retryAfterMs: 2000,
    });
    expect(serialized(limited)).toMatchObject({ name: "RateLimitError", status: 429, retryAfterMs: 2000 });
  });

  it("writes where a mutation stands, when the error says so", () => {
    const error = new UnavailableError("cloud66: create: the answer was lost", { provider: "cloud66" });
    Object.assign(error, { outcome: "unknown", operation: "create", step: "wait" });
    expect(serialized(error)).toMatchObject({ outcome: "unknown", operation: "create", step: "wait" });
    expect(serialized(new UnavailableError("x", { provider: "cloud66" }))).not.toHaveProperty("outcome");
  });

  it("redacts every string like the message", () => {
    const error = new ValidationError("x", {
      provider: "hostup",
      requestId: `token=${TOKEN}`,
      vendorCode: `Bearer ${TOKEN}`,
      issues: [{ path: "password", message: `password "${TOKEN}" is too weak` }],
    });
    Object.assign(error, { step: `https://:${TOKEN}@db-api.example` });
    const text = JSON.stringify(error);
    expect(text).not.toContain(TOKEN);
    expect(serialized(error)).toMatchObject({
      requestId: "token=[REDACTED]",
      vendorCode: "Bearer [REDACTED]",
    });
  });

  it("is the base class's, so every dbusers error has it", () => {
    expect(serialized(new DatabaseUsersError("odd", { provider: "cloud66", status: 402 }))).toEqual({
      name: "DatabaseUsersError",
      message: "odd",
      code: "api_error",
      status: 402,
      provider: "cloud66",
      retryable: false,
    });
  });
});
