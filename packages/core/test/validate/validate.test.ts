import { describe, expect, it } from "vitest";
import {
  checkNonEmptyString,
  checkOptionalBoolean,
  checkPathSegment,
  checkUuid,
  requireNonEmptyString,
  requirePathSegment,
  requireUuid,
  throwIfInvalid,
} from "../../src/adapter.ts";
import { ValidationError } from "../../src/index.ts";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("checks", () => {
  it.each([["alice"], ["a b"], ["用户"]])("accepts the non-empty string %j", (value) => {
    expect(checkNonEmptyString(value, "name")).toEqual([]);
  });

  it.each([[""], ["   "], [undefined], [null], [42], [{}]])("rejects %j as a non-empty string", (value) => {
    expect(checkNonEmptyString(value, "name")).toEqual([
      { path: "name", message: "must be a non-empty string" },
    ]);
  });

  it("accepts an absent flag, true and false, and nothing that merely looks like one", () => {
    for (const value of [undefined, true, false]) expect(checkOptionalBoolean(value, "readOnly")).toEqual([]);
    for (const value of ["true", "false", 1, 0, null, {}]) {
      expect(checkOptionalBoolean(value, "readOnly")).toEqual([
        { path: "readOnly", message: "must be a boolean" },
      ]);
    }
  });

  it("accepts UUIDs in either case", () => {
    expect(checkUuid("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "clusterId")).toEqual([]);
    expect(checkUuid("9CC10173-E9EA-4176-9DBC-A4CEE4C4FF30", "clusterId")).toEqual([]);
  });

  it.each([
    ["not-a-uuid"],
    ["9cc10173e9ea41769dbca4cee4c4ff30"],
    ["9cc10173-e9ea-4176-9dbc-a4cee4c4ff30x"],
    [""],
    [7],
  ])("rejects %j as a UUID", (value) => {
    expect(checkUuid(value, "clusterId")).toEqual([{ path: "clusterId", message: "must be a UUID" }]);
  });

  it.each([["alice"], ["a.b"], ["..."], ["user%2F"], ["a..b"]])("accepts the path segment %j", (value) => {
    expect(checkPathSegment(value, "name")).toEqual([]);
  });

  it.each([
    [".", "must not be '.' or '..'"],
    ["..", "must not be '.' or '..'"],
    ["a/b", "must not contain '/' or '\\'"],
    ["../admin", "must not contain '/' or '\\'"],
    ["a\\b", "must not contain '/' or '\\'"],
    ["", "must be a non-empty string"],
  ])("rejects the path segment %j", (value, message) => {
    expect(checkPathSegment(value, "name")).toEqual([{ path: "name", message }]);
  });
});

describe("require helpers", () => {
  it("return the value when it is valid", () => {
    expect(requireNonEmptyString("alice", "name", "hostup")).toBe("alice");
    expect(requireUuid("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "clusterId", "digitalocean")).toBe(
      "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30",
    );
    expect(requirePathSegment("alice", "name", "scalingo")).toBe("alice");
  });

  it("throw a ValidationError naming the provider, the field and the problem", () => {
    const error = thrown(() => requirePathSegment("..", "name", "scalingo"));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      provider: "scalingo",
      code: "validation_error",
      issues: [{ path: "name", message: "must not be '.' or '..'" }],
      message: "scalingo: invalid input: name must not be '.' or '..'",
    });
    expect((error as ValidationError).status).toBeUndefined();
  });

  it("reject with requireUuid and requireNonEmptyString too", () => {
    expect(thrown(() => requireUuid("x", "clusterId", "digitalocean"))).toBeInstanceOf(ValidationError);
    expect(thrown(() => requireNonEmptyString(" ", "name", "hostup"))).toBeInstanceOf(ValidationError);
  });

  it("throwIfInvalid reports every issue at once, and nothing for none", () => {
    expect(() => throwIfInvalid([], "hostup")).not.toThrow();
    const error = thrown(() =>
      throwIfInvalid([...checkNonEmptyString("", "name"), ...checkUuid("x", "accountId")], "hostup"),
    ) as ValidationError;
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(
      "hostup: invalid input: name must be a non-empty string; accountId must be a UUID",
    );
  });
});
