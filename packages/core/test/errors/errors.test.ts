import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  DatabaseUsersError,
  NotFoundError,
  OperationFailedError,
  PermissionError,
  RateLimitError,
  TimeoutError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
} from "../../src/index.ts";

const classes = [
  [ValidationError, "validation_error", false],
  [AuthenticationError, "authentication_failed", false],
  [PermissionError, "permission_denied", false],
  [NotFoundError, "not_found", false],
  [ConflictError, "conflict", false],
  [RateLimitError, "rate_limited", true],
  [UnavailableError, "unavailable", true],
  [TimeoutError, "timeout", true],
  [UnsupportedOperationError, "unsupported_operation", false],
  [OperationFailedError, "operation_failed", false],
] as const;

describe("error classes", () => {
  it.each(classes)("%o has its stable code, retryable flag and name", (ErrorClass, code, retryable) => {
    const error = new ErrorClass("boom", { provider: "scalingo" });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(DatabaseUsersError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.provider).toBe("scalingo");
    expect(error.stack?.split("\n")[0]).toBe(`${ErrorClass.name}: boom`);
  });

  it("does not confuse one subclass for another", () => {
    const error = new NotFoundError("missing", { provider: "hostup" });
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(new Error("plain")).not.toBeInstanceOf(DatabaseUsersError);
    expect({ code: "not_found" }).not.toBeInstanceOf(NotFoundError);
    expect(null).not.toBeInstanceOf(DatabaseUsersError);
  });

  it("base class instances have code api_error", () => {
    const error = new DatabaseUsersError("odd", { provider: "cloud66", status: 402 });
    expect(error.code).toBe("api_error");
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(402);
  });

  it("keeps status, requestId, vendorCode and cause", () => {
    const cause = new Error("root");
    const error = new NotFoundError("missing", {
      provider: "digitalocean",
      status: 404,
      requestId: "req-1",
      vendorCode: "not_found",
      cause,
    });
    expect(error).toMatchObject({ status: 404, requestId: "req-1", vendorCode: "not_found" });
    expect(error.cause).toBe(cause);
  });

  it("leaves absent details absent rather than undefined-valued", () => {
    const error = new ConflictError("exists", { provider: "digitalocean" });
    expect(Object.hasOwn(error, "status")).toBe(false);
    expect(Object.hasOwn(error, "requestId")).toBe(false);
    expect(Object.hasOwn(error, "vendorCode")).toBe(false);
    expect(Object.hasOwn(error, "cause")).toBe(false);
  });

  it("RateLimitError carries retryAfterMs", () => {
    expect(new RateLimitError("slow", { provider: "hostup", retryAfterMs: 1_500 }).retryAfterMs).toBe(1_500);
  });

  it("ValidationError carries issues", () => {
    const issues = [{ path: "name", message: "is taken" }];
    expect(new ValidationError("bad", { provider: "hostup", issues }).issues).toEqual(issues);
  });

  it("ValidationError keeps a vendor's issue code, and adds none where there was none", () => {
    const issues = [
      { path: "username", message: "`username` is required.", code: "missing_required" },
      { path: "name", message: "is taken" },
    ];
    const error = new ValidationError("bad", { provider: "hostup", issues });
    expect(error.issues).toEqual(issues);
    expect(error.issues?.[1]).not.toHaveProperty("code");
  });

  it("redacts secrets from messages and issues", () => {
    const error = new ValidationError("rejected password=hunter2 with Bearer abc.def.ghi", {
      provider: "hostup",
      issues: [{ path: "password", message: "password: 'hunter2' is too weak" }],
    });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("abc.def.ghi");
    expect(error.stack).not.toContain("hunter2");
    expect(JSON.stringify(error.issues)).not.toContain("hunter2");
    expect(inspect(error)).not.toContain("hunter2");
  });

  it("lets callers subclass an error class with ordinary instanceof semantics", () => {
    class MissingDatabase extends NotFoundError {}
    const plain = new NotFoundError("x", { provider: "scalingo" });
    const special = new MissingDatabase("x", { provider: "scalingo" });
    expect(special).toBeInstanceOf(NotFoundError);
    expect(special).toBeInstanceOf(MissingDatabase);
    expect(plain).not.toBeInstanceOf(MissingDatabase);
  });

  describe("across duplicate copies of the package", () => {
    it("matches instanceof by kind, both ways", async () => {
      vi.resetModules();
      const copy = await import("../../src/errors.ts");
      expect(copy.NotFoundError).not.toBe(NotFoundError);

      const foreign = new copy.NotFoundError("missing", { provider: "digitalocean" });
      expect(foreign).toBeInstanceOf(NotFoundError);
      expect(foreign).toBeInstanceOf(DatabaseUsersError);
      expect(foreign).not.toBeInstanceOf(ConflictError);
      expect(foreign).not.toBeInstanceOf(RateLimitError);

      const local = new RateLimitError("slow", { provider: "digitalocean" });
      expect(local).toBeInstanceOf(copy.RateLimitError);
      expect(local).toBeInstanceOf(copy.DatabaseUsersError);
      expect(local).not.toBeInstanceOf(copy.UnavailableError);
    });

    it("recognises a foreign base-class error only as the base class", async () => {
      vi.resetModules();
      const copy = await import("../../src/errors.ts");
      const foreign = new copy.DatabaseUsersError("odd", { provider: "cloud66" });
      expect(foreign).toBeInstanceOf(DatabaseUsersError);
      expect(foreign).not.toBeInstanceOf(NotFoundError);
    });
  });
});
