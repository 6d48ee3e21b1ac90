// tools/spec-changes: the classification of spec changes (api-smart-diff with our rules), and the check
// that a changed spec comes with a changeset that bumps its client enough, run on a throwaway git
// repository with one vendor whose client was released as 0.1.0.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkSpecChanges, formatCheck, requiredBump } from "../spec-changes/check.ts";
import { classifySpecChange } from "../spec-changes/classify.ts";
import type { VendorSpec } from "../specs.ts";

type Spec = ReturnType<typeof releasedSpec>;

/** A small API as released: list users (GET) and create one (POST, `name` required, `role` an enum). */
function releasedSpec() {
  const user = {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", description: "The user's name." },
      role: { type: "string", enum: ["admin", "normal"] },
    },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Demo", version: "1.0.0" },
    paths: {
      "/users": {
        get: {
          operationId: "list_users",
          responses: {
            "200": {
              description: "The users.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { users: { type: "array", items: { $ref: "#/components/schemas/user" } } },
                  },
                },
              },
            },
          },
        },
        post: {
          operationId: "add_user",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  required: ["name"],
                  properties: {
                    name: { type: "string" },
                    role: { type: "string", enum: ["admin", "normal"] },
                  },
                },
              },
            },
          },
          responses: {
            "201": {
              description: "The new user.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/user" } } },
            },
          },
        },
      },
    },
    components: { schemas: { user } },
  };
}

/** The released spec with `edit` applied to a copy. */
function edited(edit: (spec: Spec) => void): Spec {
  const spec = structuredClone(releasedSpec());
  edit(spec);
  return spec;
}

const requestBody = (spec: Spec) => spec.paths["/users"].post.requestBody.content["application/json"].schema;

const EDITS = {
  "removes an operation": (spec: Spec) => {
    delete (spec.paths["/users"] as Partial<Spec["paths"]["/users"]>).post;
  },
  "removes a response field": (spec: Spec) => {
    delete (
      spec.components.schemas.user.properties as Partial<Spec["components"]["schemas"]["user"]["properties"]>
    ).role;
  },
  "narrows a request field's type": (spec: Spec) => {
    requestBody(spec).properties.role.enum = ["normal"];
  },
  "adds a required request field": (spec: Spec) => {
    requestBody(spec).required.push("role");
  },
  "adds an operation": (spec: Spec) => {
    Object.assign(spec.paths, {
      "/users/{name}": {
        delete: {
          operationId: "delete_user",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "Deleted." } },
        },
      },
    });
  },
  "adds an optional response field": (spec: Spec) => {
    Object.assign(spec.components.schemas.user.properties, {
      created_at: { type: "string", format: "date-time" },
    });
  },
  "rewords a description": (spec: Spec) => {
    spec.components.schemas.user.properties.name.description = "The user's name, unique in the cluster.";
  },
} as const;

describe("classifySpecChange", () => {
  it.each([
    ["removes an operation", "breaking"],
    ["removes a response field", "breaking"],
    ["narrows a request field's type", "breaking"],
    ["adds a required request field", "breaking"],
    ["adds an operation", "additive"],
    ["adds an optional response field", "additive"],
    ["rewords a description", "fix"],
  ] as const)("a change that %s is %s", (edit, expected) => {
    const result = classifySpecChange(releasedSpec(), edited(EDITS[edit]));
    expect(result.level).toBe(expected);
    expect(result.changes[0]?.class).toBe(expected);
  });

  it("names the operation and what changed", () => {
    const { changes } = classifySpecChange(releasedSpec(), edited(EDITS["removes an operation"]));
    expect(changes).toEqual([
      { class: "breaking", text: expect.stringMatching(/^POST \/users: .*operation/i) },
    ]);
  });

  it("finds nothing between equal documents", () => {
    expect(classifySpecChange(releasedSpec(), releasedSpec())).toEqual({ level: undefined, changes: [] });
  });
});

describe("requiredBump", () => {
  it("asks a major for breaking changes from 1.0, a minor below (where ^0.x takes patches only)", () => {
    expect(requiredBump("breaking", "1.2.0")).toBe("major");
    expect(requiredBump("breaking", "0.3.1")).toBe("minor");
    expect(requiredBump("additive", "1.2.0")).toBe("minor");
    expect(requiredBump("additive", "0.3.1")).toBe("patch");
    expect(requiredBump("fix", "1.2.0")).toBe("patch");
    expect(requiredBump(undefined, "1.2.0")).toBeUndefined();
  });
});

describe("checkSpecChanges on a repository whose client was released as 0.1.0", () => {
  const ENTRY: VendorSpec = { vendor: "demo", spec: "specs/demo.yaml", package: "packages/client-demo" };
  const NAME = "@demo/client-demo";
  let root: string;

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const writeSpec = (spec: Spec) => write(ENTRY.spec, stringify(spec));
  const setVersion = (version: string) =>
    write(`${ENTRY.package}/package.json`, `${JSON.stringify({ name: NAME, version }, null, 2)}\n`);
  const changeset = (id: string, bump: string) =>
    write(`.changeset/${id}.md`, `---\n"${NAME}": ${bump}\n---\n\nA change.\n`);
  const commit = (message: string) => {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
    git("add", "--all");
    git("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "--quiet", "--message", message);
  };
  const check = async () => {
    const [result] = await checkSpecChanges(root, [ENTRY]);
    if (!result) throw new Error("no result");
    return result;
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "dbusers-spec-changes-"));
    execFileSync("git", ["init", "--quiet"], { cwd: root });
    write(".changeset/config.json", "{}\n");
    writeSpec(releasedSpec());
    setVersion("0.0.0");
    commit("the client, unreleased");
    setVersion("0.1.0"); // what `changeset version` writes in a release commit
    commit("release 0.1.0");
    writeSpec(edited(EDITS["adds an operation"])); // an unrelated commit after the release must not matter
    commit("an operation, released with the next version");
    writeSpec(releasedSpec());
    commit("the operation is withdrawn before any release");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("passes an unchanged spec without a changeset", async () => {
    const result = await check();
    expect(result).toMatchObject({
      ok: true,
      required: undefined,
      release: { version: "0.1.0", name: NAME },
    });
    expect(formatCheck(result)).toContain("unchanged");
  });

  it("fails a spec change with no changeset", async () => {
    writeSpec(edited(EDITS["adds an optional response field"]));
    const result = await check();
    expect(result).toMatchObject({ ok: false, required: "patch", pending: undefined });
    expect(formatCheck(result)).toMatch(
      /FAIL: additive change, below 1\.0 needs a patch changeset .* no changeset/,
    );
  });

  it("fails a breaking change with only a patch changeset", async () => {
    writeSpec(edited(EDITS["removes a response field"]));
    changeset("small-fix", "patch");
    const result = await check();
    expect(result).toMatchObject({ ok: false, required: "minor", pending: { bump: "patch" } });
    expect(formatCheck(result)).toContain("breaking");
  });

  it("passes a breaking change with a minor changeset", async () => {
    writeSpec(edited(EDITS["removes a response field"]));
    changeset("small-fix", "patch");
    changeset("drop-role", "minor");
    const result = await check();
    expect(result).toMatchObject({
      ok: true,
      required: "minor",
      pending: { bump: "minor", files: [".changeset/drop-role.md", ".changeset/small-fix.md"] },
    });
  });

  it("passes a description change with a patch changeset", async () => {
    writeSpec(edited(EDITS["rewords a description"]));
    changeset("wording", "patch");
    expect(await check()).toMatchObject({ ok: true, required: "patch" });
  });

  it("compares with the spec of the last release, and asks a major from 1.0", async () => {
    writeSpec(edited(EDITS["adds an operation"]));
    setVersion("1.0.0");
    commit("release 1.0.0");
    writeSpec(
      edited((spec) => {
        EDITS["adds an operation"](spec);
        EDITS["narrows a request field's type"](spec);
      }),
    );
    changeset("narrow", "minor");
    const result = await check();
    expect(result.classification.changes.map((change) => change.text).join("\n")).not.toContain("DELETE");
    expect(result).toMatchObject({ ok: false, required: "major", release: { version: "1.0.0" } });
  });
});
