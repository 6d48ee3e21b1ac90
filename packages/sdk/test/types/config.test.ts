// Type-level tests: `pnpm typecheck` (tsc) fails if a line marked @ts-expect-error compiles, and the
// expectTypeOf assertions fail the type check when the types drift. The runtime part only proves the
// file was type-checked code that runs.
import type { Cloud66UsersOptions } from "@dbusers/client-cloud66";
import type { DigitalOceanUsersOptions } from "@dbusers/client-digitalocean";
import type { HostUpUsersOptions } from "@dbusers/client-hostup";
import type { ScalingoUsersOptions } from "@dbusers/client-scalingo";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ClientOptions,
  type Cloud66Users,
  createDatabaseUsers,
  type DatabaseUsersConfig,
  type DigitalOceanUsers,
  type HostUpUsers,
  type ProviderName,
  type ScalingoUsers,
} from "../../src/index.ts";
import { VENDOR_FIELDS } from "../../src/provider.ts";

/** A vendor's own option names: those of its options type (of each member, for a union) but common ones. */
type OwnFields<O> = Exclude<O extends unknown ? keyof O : never, keyof ClientOptions>;

const CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

describe("the config is a union told apart by provider", () => {
  it("accepts each vendor's own fields and types the adapter by provider", () => {
    const digitalocean = createDatabaseUsers({ provider: "digitalocean", token: "t", clusterId: CLUSTER });
    expectTypeOf(digitalocean).toEqualTypeOf<DigitalOceanUsers>();
    expectTypeOf(createDatabaseUsers).toBeCallableWith({
      provider: "scalingo",
      apiToken: "tk-us-x",
      appId: "my-app",
      addonId: "ad-1",
    });
    expectTypeOf(createDatabaseUsers).toBeCallableWith({
      provider: "scalingo",
      token: "db-token",
      dbApiUrl: "db-api.osc-fr1.scalingo.com",
      databaseId: "ad-1",
    });
    expectTypeOf(createDatabaseUsers).toBeCallableWith({
      provider: "cloud66",
      token: "t",
      stackId: "s",
      serverGroupId: 3817,
    });
    expectTypeOf(createDatabaseUsers).toBeCallableWith({
      provider: "hostup",
      token: "t",
      accountId: "acct_1",
    });
    expectTypeOf<ReturnType<typeof createScalingo>>().toEqualTypeOf<ScalingoUsers>();
    expectTypeOf<ReturnType<typeof createCloud66>>().toEqualTypeOf<Cloud66Users>();
    expectTypeOf<ReturnType<typeof createHostUp>>().toEqualTypeOf<HostUpUsers>();
    expectTypeOf<ProviderName>().toEqualTypeOf<"digitalocean" | "scalingo" | "cloud66" | "hostup">();
    expect(digitalocean.provider).toBe("digitalocean");
  });

  it("refuses a field of another provider, a missing field and an unknown provider", () => {
    const refused: DatabaseUsersConfig[] = [
      // @ts-expect-error clusterId is DigitalOcean's, not HostUp's
      { provider: "hostup", token: "t", accountId: "acct_1", clusterId: CLUSTER },
      // @ts-expect-error accountId is HostUp's, not DigitalOcean's
      { provider: "digitalocean", token: "t", clusterId: CLUSTER, accountId: "acct_1" },
      // @ts-expect-error stackId is Cloud66's, not Scalingo's
      { provider: "scalingo", apiToken: "tk", appId: "a", addonId: "ad", stackId: "s" },
      // @ts-expect-error Scalingo takes an API token or a database token, not both
      { provider: "scalingo", apiToken: "tk", appId: "a", addonId: "ad", token: "db", dbApiUrl: "x" },
      // @ts-expect-error Cloud66 needs its server group
      { provider: "cloud66", token: "t", stackId: "s" },
      // @ts-expect-error no such provider
      { provider: "heroku", token: "t" },
    ];
    expect(refused).toHaveLength(6);
  });
});

function createScalingo() {
  return createDatabaseUsers({ provider: "scalingo", apiToken: "tk-us-x", appId: "my-app", addonId: "ad-1" });
}
function createCloud66() {
  return createDatabaseUsers({ provider: "cloud66", token: "t", stackId: "s", serverGroupId: 1 });
}
function createHostUp() {
  return createDatabaseUsers({ provider: "hostup", token: "t", accountId: "acct_1" });
}

describe("the run-time list of each vendor's fields", () => {
  it("is its options type's own fields, no more and no less", () => {
    expectTypeOf<(typeof VENDOR_FIELDS)["digitalocean"][number]>().toEqualTypeOf<
      OwnFields<DigitalOceanUsersOptions>
    >();
    expectTypeOf<(typeof VENDOR_FIELDS)["scalingo"][number]>().toEqualTypeOf<
      OwnFields<ScalingoUsersOptions>
    >();
    expectTypeOf<(typeof VENDOR_FIELDS)["cloud66"][number]>().toEqualTypeOf<OwnFields<Cloud66UsersOptions>>();
    expectTypeOf<(typeof VENDOR_FIELDS)["hostup"][number]>().toEqualTypeOf<OwnFields<HostUpUsersOptions>>();
    expect(Object.keys(VENDOR_FIELDS)).toEqual(["digitalocean", "scalingo", "cloud66", "hostup"]);
  });
});
