import { RateLimitError, type RetryContext, Secret, UnavailableError } from "@dbusers/core";
import { unwrap } from "@dbusers/core/adapter";
import { describe, expect, it } from "vitest";
import {
  CLOUD66_API_URL,
  type Cloud66Client,
  type Cloud66CreateUserBody,
  createCloud66Client,
} from "../src/index.ts";
import { cloud66 } from "../src/vendor.ts";

const STACK = "5999b763474b0eafa5fafb64bff0ba80";
const USERS = "/stacks/{stack_id}/server_groups/{server_group_id}/database_users";
const USER = "/stacks/{stack_id}/server_groups/{server_group_id}/database_users/{id}";
const group = { stack_id: STACK, server_group_id: "3817" };
const FAST = { baseDelayMs: 1, maxDelayMs: 1 };

type Answer = () => Response;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  () =>
    Response.json(body, { status, headers });
const text =
  (status: number, body: string): Answer =>
  () =>
    new Response(body, { status, headers: { "content-type": "text/plain" } });

const THROTTLED_JSON = json(503, { error: "throttled", error_description: "Rate limit exceeded." });
const THROTTLED_TEXT = text(503, "throttled");
const NOT_IMPLEMENTED = json(503, { error: "not_implemented", error_description: "Not implemented" });
const QUEUED = json(200, {
  response: {
    id: 790,
    resource_type: "database_user",
    resource_id: "user_abc123",
    started_via: "api",
    started_at: null,
    finished_at: null,
    finished_success: null,
    finished_message: null,
  },
});
const EMPTY_LIST = json(200, {
  response: [],
  count: 0,
  pagination: { previous: null, next: null, current: 1, count: 0, pages: 0 },
});

/** A fetch that records each request and plays the answers in turn (the last one repeats). */
function fakeFetch(...answers: Answer[]) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    requests.push(new Request(input, init));
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    return (answer as Answer)();
  };
  return { fetch, requests };
}

const deleteUser = (client: Cloud66Client) =>
  client.DELETE(USER, { params: { path: { ...group, id: "user_abc123" } } });

describe("createCloud66Client", () => {
  it("sends the bearer token to the spec's path under app.cloud66.com/api/3", async () => {
    const { fetch, requests } = fakeFetch(EMPTY_LIST);
    const client = createCloud66Client({ token: "c66_token", fetch });
    const { data } = await client.GET(USERS, {
      params: { path: group, query: { page: 1, show_password: true } },
    });
    expect(data?.pagination.pages).toBe(0);
    const [request] = requests;
    expect(request?.url).toBe(
      `${CLOUD66_API_URL}/stacks/${STACK}/server_groups/3817/database_users?page=1&show_password=true`,
    );
    expect(request?.headers.get("authorization")).toBe("Bearer c66_token");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.get("user-agent")).toMatch(/^dbusers\/\S+ \(cloud66\)$/);
  });

  it("posts the create body as JSON and percent-encodes a uid", async () => {
    const { fetch, requests } = fakeFetch(QUEUED);
    const client = createCloud66Client({ token: new Secret("t"), fetch, baseUrl: "http://127.0.0.1:4010/" });
    const body: Cloud66CreateUserBody = {
      username: "app",
      database_ids: ["db_abc123"],
      user_type: "readonly",
    };
    await client.POST(USERS, { params: { path: group }, body });
    await client.POST(`${USER}/regenerate_password`, {
      params: { path: { ...group, id: "user a/b" } },
    });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST http://127.0.0.1:4010/stacks/${STACK}/server_groups/3817/database_users`,
      `POST http://127.0.0.1:4010/stacks/${STACK}/server_groups/3817/database_users/user%20a%2Fb/regenerate_password`,
    ]);
    expect(await requests[0]?.json()).toEqual(body);
  });
});

describe("createCloud66Client: Cloud66's retry rules", () => {
  it.each([
    ["a JSON `throttled` body", THROTTLED_JSON],
    ["a plain-text `throttled` body", THROTTLED_TEXT],
  ])("a mutation answered 503 with %s is re-sent", async (_label, throttled) => {
    const { fetch, requests } = fakeFetch(throttled, QUEUED);
    const client = createCloud66Client({ token: "t", fetch, retry: FAST });
    const { response } = await deleteUser(client);
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it.each([
    ["any other 503", NOT_IMPLEMENTED],
    ["a 500", json(500, { error: "internal_server_error" })],
    ["a 502 from a proxy", () => new Response("<html>Bad gateway</html>", { status: 502 })],
  ])("a DELETE answered with %s is not re-sent (it would queue a second action)", async (_label, answer) => {
    const { fetch, requests } = fakeFetch(answer, QUEUED);
    const client = createCloud66Client({ token: "t", fetch, retry: FAST });
    const { response } = await deleteUser(client);
    expect(response.ok).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it("a DELETE whose connection failed is not re-sent either", async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls += 1;
      throw new TypeError("fetch failed");
    };
    const client = createCloud66Client({ token: "t", fetch, retry: FAST });
    expect(await deleteUser(client).catch((error: unknown) => error)).toBeInstanceOf(UnavailableError);
    expect(calls).toBe(1);
  });

  it("a read is re-sent after an outage's 503, as on every vendor", async () => {
    const { fetch, requests } = fakeFetch(json(503, { error: "service_unavailable" }), EMPTY_LIST);
    const client = createCloud66Client({ token: "t", fetch, retry: FAST });
    const { response } = await client.GET(USERS, { params: { path: group } });
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("nothing is re-sent after 503 not_implemented, a read neither: Cloud66 documents it as permanent", async () => {
    const { fetch, requests } = fakeFetch(NOT_IMPLEMENTED, EMPTY_LIST);
    const client = createCloud66Client({ token: "t", fetch, retry: FAST });
    const { response } = await client.GET(USERS, { params: { path: group } });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("a mutation whose connection was refused is re-sent: it never left this machine", async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls += 1;
      if (calls === 1) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      return QUEUED();
    };
    const client = createCloud66Client({ token: "t", fetch, retry: FAST });
    const { response } = await client.POST(USERS, { params: { path: group }, body: { username: "app" } });
    expect(response.status).toBe(200);
    expect(calls).toBe(2);
  });

  it("throttling that outlasts the retries is a RateLimitError, in either body", async () => {
    for (const throttled of [THROTTLED_JSON, THROTTLED_TEXT]) {
      const { fetch, requests } = fakeFetch(throttled);
      const client = createCloud66Client({ token: "t", fetch, retry: FAST });
      const error = await client
        .POST(USERS, { params: { path: group }, body: { username: "app" } })
        .then((result) => unwrap(result, cloud66))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 503 });
      expect(requests).toHaveLength(3);
    }
  });

  it("the caller's shouldRetry is told Cloud66's verdict and has the last word", async () => {
    const seen: RetryContext[] = [];
    const { fetch, requests } = fakeFetch(NOT_IMPLEMENTED, QUEUED);
    const client = createCloud66Client({
      token: "t",
      fetch,
      retry: {
        ...FAST,
        shouldRetry: (context) => {
          seen.push(context);
          return true;
        },
      },
    });
    await deleteUser(client);
    expect(seen.map(({ method, retryable }) => ({ method, retryable }))).toEqual([
      { method: "DELETE", retryable: false },
    ]);
    expect(requests).toHaveLength(2);
  });

  it("retry: false sends every request once, a throttled one too", async () => {
    const { fetch, requests } = fakeFetch(THROTTLED_JSON, QUEUED);
    await deleteUser(createCloud66Client({ token: "t", fetch, retry: false }));
    expect(requests).toHaveLength(1);
  });
});

describe("createCloud66Client: X-Cloud66-Warning", () => {
  it("goes to logger.warn, with anything that looks like a credential masked", async () => {
    const warnings: string[] = [];
    const { fetch } = fakeFetch(
      json(
        200,
        { response: [], count: 0, pagination: { next: null, current: 1, count: 0, pages: 0 } },
        {
          "x-cloud66-warning": "API v3 is deprecated; token=abcdef123456 will stop working",
        },
      ),
    );
    const client = createCloud66Client({
      token: "t",
      fetch,
      logger: { warn: (line) => warnings.push(line) },
    });
    await client.GET(USERS, { params: { path: group } });
    expect(warnings).toEqual(["cloud66 warning: API v3 is deprecated; token=[REDACTED] will stop working"]);
  });
});

// Type-level checks (run by `tsc --noEmit`, which includes test/).
export function typeChecks(client: Cloud66Client): void {
  void client.POST(USERS, {
    params: { path: group },
    // @ts-expect-error username is required.
    body: { user_type: "readonly" },
  });
  // @ts-expect-error the action id is a number.
  void client.GET("/stacks/{stack_id}/actions/{id}", { params: { path: { stack_id: STACK, id: "789" } } });
  const body: Cloud66CreateUserBody = {
    username: "app",
    // @ts-expect-error Cloud 66 generates passwords: the create body has none.
    password: "chosen",
  };
  void body;
}
