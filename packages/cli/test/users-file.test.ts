// The published schema: valid, in step with the vendors' own lists, and what the loader enforces.
import { HOSTUP_PRIVILEGES } from "@dbusers/client-hostup";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { EXIT, parseUsersFile, USERS_SCHEMA_URL, UsageError } from "../src/index.ts";
import schema from "../users.schema.json" with { type: "json" };

describe("users.schema.json", () => {
  it("is a valid draft-07 schema, published at its $id", () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(USERS_SCHEMA_URL).toBe("https://unpkg.com/@dbusers/cli/users.schema.json");
  });

  it("lists exactly HostUp's privileges", () => {
    expect([...schema.definitions.hostupPrivilege.enum].sort()).toEqual([...HOSTUP_PRIVILEGES].sort());
  });
});

describe("parseUsersFile", () => {
  it("accepts every vendor's section on its own vendor, and $schema", () => {
    const loaded = parseUsersFile(
      [
        `$schema: ${USERS_SCHEMA_URL}`,
        "provider: hostup",
        "users:",
        "  - name: shop",
        "    hostup:",
        "      privileges:",
        "        abcde_shop: [SELECT, INSERT]",
      ].join("\n"),
      "users.yaml",
    );
    expect(loaded.content.users[0]?.hostup?.privileges).toEqual({ abcde_shop: ["SELECT", "INSERT"] });
    expect(loaded.where(["users", 0, "hostup"])).toBe("users.yaml:5:5");
  });

  it("throws a UsageError (exit 2) with a line and column per problem, in file order", () => {
    const text = "provider: heroku\nusers:\n  - name: a\n    hostup:\n      privileges: { db: [select] }\n";
    const error = (() => {
      try {
        parseUsersFile(text, "u.yaml");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(EXIT.usage);
    expect((error as UsageError).problems).toEqual([
      expect.stringMatching(
        /^u\.yaml:1:1: provider must be one of "digitalocean", "scalingo", "cloud66", "hostup"$/,
      ),
      "u.yaml:4:5: users[0].hostup is for another provider than this file's",
      expect.stringMatching(
        /^u\.yaml:5:26: users\[0\]\.hostup\.privileges\.db\[0\] must be one of "ALL PRIVILEGES"/,
      ),
    ]);
  });

  it("refuses duplicate keys as YAML errors", () => {
    expect(() => parseUsersFile("provider: hostup\nprovider: scalingo\nusers: []\n", "d.yaml")).toThrow(
      /d\.yaml:2:1/,
    );
  });
});
