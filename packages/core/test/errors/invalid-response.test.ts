import { describe, expect, it } from "vitest";
import { expectArray, expectObject, expectString, unwrap } from "../../src/adapter.ts";
import { InvalidResponseError } from "../../src/index.ts";
import { testClient, testVendor } from "../helpers/client.ts";
import { json } from "../helpers/fake-fetch.ts";

// A 2xx that is not what the operation declares must end as an InvalidResponseError: never a bare
// SyntaxError or TypeError, never a half-filled result, and never a message that quotes the body.

const SECRET = "s3cret-Password-in-body";

function text(status: number, body: string, type: string): Response {
  return new Response(body, { status, headers: { "content-type": type, "x-request-id": "req-7" } });
}

const readUsers = (data: { users: Array<{ name: string }> } | undefined) =>
  expectArray(expectObject(data, "body").users, "users").map((user, i) =>
    expectString(expectObject(user, `users[${i}]`).name, `users[${i}].name`),
  );

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("a 2xx whose body is not JSON", () => {
  it.each([
    ["truncated JSON", text(200, `{"users":[{"name":"alice","password":"${SECRET}`, "application/json")],
    ["a text/plain body", text(200, `password=${SECRET}`, "text/plain")],
    ["an HTML page", text(200, "<html><body>maintenance</body></html>", "text/html")],
  ])("raises InvalidResponseError for %s, with status and request id, quoting nothing", async (_, answer) => {
    const { client } = testClient([answer]);
    const failure = await failureOf(client.GET("/users"));
    expect(failure).toBeInstanceOf(InvalidResponseError);
    expect(failure).toMatchObject({
      code: "invalid_response",
      provider: "testvendor",
      status: 200,
      requestId: "req-7",
    });
    expect((failure as Error).message).toContain("not JSON");
    expect(String((failure as Error).message)).not.toContain(SECRET);
    expect((failure as Error).cause).toBeUndefined();
  });

  it("is not retried, even for a GET: the server did answer", async () => {
    const { client, seen } = testClient([text(200, "{", "application/json"), json(200, { users: [] })]);
    await expect(client.GET("/users")).rejects.toBeInstanceOf(InvalidResponseError);
    expect(seen).toHaveLength(1);
  });
});

describe("a 2xx JSON body without what the operation promises", () => {
  it.each([
    ["an empty body", new Response("", { status: 200 }), "body is missing, not an object"],
    ["a list that is not a list", json(200, { users: "nope" }), "users is a string, not an array"],
    ["a body that is an array", json(200, [{ name: "alice" }]), "body is an array, not an object"],
    ["a user without a name", json(200, { users: [{ id: 7 }] }), "users[0].name is missing"],
    ["a user that is a number", json(200, { users: [7] }), "users[0] is a number, not an object"],
  ])("raises InvalidResponseError for %s", async (_, answer, problem) => {
    const { client } = testClient([answer]);
    const result = await client.GET("/users");
    let failure: unknown;
    try {
      unwrap(result, testVendor, readUsers);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(InvalidResponseError);
    expect((failure as Error).message).toContain(problem);
    expect((failure as InvalidResponseError).status).toBe(200);
  });

  it("hands a well-formed body to the reader", async () => {
    const { client } = testClient([json(200, { users: [{ name: "alice" }, { name: "bob" }] })]);
    expect(unwrap(await client.GET("/users"), testVendor, readUsers)).toEqual(["alice", "bob"]);
  });

  it("lets errors other than shape errors through unchanged", async () => {
    const { client } = testClient([json(200, { users: [] })]);
    const result = await client.GET("/users");
    const boom = new RangeError("adapter bug");
    expect(() =>
      unwrap(result, testVendor, () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
