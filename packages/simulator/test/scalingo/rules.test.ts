// Scalingo answers a request that breaks its rules with 422 `{errors: {<field>: [messages]}}`; the
// rules come from specs/scalingo.yaml (checked by the framework) and from the handlers (what JSON
// Schema cannot say: equal passwords, a name already taken).
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN } from "../../src/index.ts";
import { start } from "../helpers.ts";
import { passwordOf, scalingoApi } from "./api.ts";

const PATTERN = 'must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"';

async function database() {
  const sim = await start();
  const { id } = sim.scalingo.addDatabase();
  return { sim, id, db: scalingoApi(sim).database(id, DEFAULT_TOKEN) };
}

describe("Scalingo rules: 422 with the field's errors", () => {
  it.each([
    ["5 characters", "abcde", ["must NOT have fewer than 6 characters"]],
    ["33 characters", "a".repeat(33), ["must NOT have more than 32 characters"]],
    ["an upper-case letter", "Metabase", [PATTERN]],
    ["an underscore (the CLI's own example)", "my_user", [PATTERN]],
    ["a leading hyphen", "-metabase", [PATTERN]],
    ["a trailing hyphen", "metabase-", [PATTERN]],
    ["two hyphens in a row", "meta--base", [PATTERN]],
  ])("a new name with %s", async (_, name, messages) => {
    const { sim, id, db } = await database();
    const answer = await db.create({ name });
    expect(answer).toMatchObject({ status: 422, body: { errors: { name: messages } } });
    expect(sim.scalingo.getUser(id, name)).toBeUndefined();
    expect(sim.violations).toEqual([]);
  });

  it("names of 6 and 32 characters, with single hyphens inside, are taken", async () => {
    const { db } = await database();
    for (const name of ["abcdef", "a".repeat(32), "my-app-2-reader"]) {
      expect((await db.create({ name })).status).toBe(201);
    }
  });

  it.each([
    ["23 characters", passwordOf(23), "must NOT have fewer than 24 characters"],
    ["65 characters", passwordOf(65), "must NOT have more than 64 characters"],
  ])("a password of %s, on create and update", async (_, password, message) => {
    const { db } = await database();
    const expected = { errors: { password: [message], password_confirmation: [message] } };
    const fields = { password, password_confirmation: password };
    expect(await db.create({ name: "metabase", ...fields })).toMatchObject({ status: 422, body: expected });
    await db.create({ name: "reader" });
    expect(await db.update("reader", fields)).toMatchObject({ status: 422, body: expected });
  });

  it("a confirmation that differs, on create and update", async () => {
    const { sim, id, db } = await database();
    const mismatch = { password: passwordOf(30), password_confirmation: passwordOf(31) };
    const expected = { status: 422, body: { errors: { password_confirmation: ["doesn't match password"] } } };
    expect(await db.create({ name: "metabase", ...mismatch })).toMatchObject(expected);
    expect(sim.scalingo.getUser(id, "metabase")).toBeUndefined();
    await db.create({ name: "reader" });
    const before = sim.scalingo.getUser(id, "reader")?.password;
    expect(await db.update("reader", mismatch)).toMatchObject(expected);
    expect(sim.scalingo.getUser(id, "reader")?.password).toBe(before);
  });

  it("a password without its confirmation, and an update without a password", async () => {
    const { db } = await database();
    const alone = await db.create({ name: "metabase", password: passwordOf(30) });
    expect(alone.status).toBe(422);
    expect(Object.keys(alone.body.errors)).toEqual(["database_user"]);
    await db.create({ name: "reader" });
    const empty = await db.update("reader", {});
    expect(empty).toMatchObject({
      status: 422,
      body: { errors: { password: ["is required"], password_confirmation: ["is required"] } },
    });
  });

  it("a name already taken (the control handle refuses it too)", async () => {
    const { sim, id, db } = await database();
    await db.create({ name: "metabase" });
    expect(await db.create({ name: "metabase" })).toMatchObject({
      status: 422,
      body: { errors: { name: ["has already been taken"] } },
    });
    expect(() => sim.scalingo.addUser(id, { name: "metabase" })).toThrow("Unprocessable entity");
  });

  it("a field the API does not know", async () => {
    const { db } = await database();
    const answer = await db.create({ name: "metabase", role: "admin" });
    expect(answer).toMatchObject({ status: 422, body: { errors: { role: ["is not allowed"] } } });
  });
});

describe("Scalingo rules: what is not a field's fault", () => {
  it("a body that is not JSON is a 400 {error, code}", async () => {
    const { sim, id } = await database();
    const answer = await scalingoApi(sim).request(
      "POST",
      `/api/databases/${id}/users`,
      { bearer: DEFAULT_TOKEN },
      "{not json",
    );
    expect(answer).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(/^There was a problem in the JSON you submitted/),
        code: "bad_request",
      },
    });
  });

  it("a create without a body is a 400", async () => {
    const { sim, id } = await database();
    const answer = await scalingoApi(sim).request("POST", `/api/databases/${id}/users`, {
      bearer: DEFAULT_TOKEN,
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { error: "Invalid request: body is required", code: "bad_request" },
    });
  });
});
