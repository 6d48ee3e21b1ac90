import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type Document, OpenAPIBackend } from "openapi-backend";
import { parse as parseYaml } from "yaml";

/**
 * openapi-backend's own document check (`validateDefinition`) only knows the OpenAPI 3.0 meta-schema
 * (openapi-schema-validator 12) and rejects valid 3.1 documents. The specs are validated as OpenAPI
 * documents in CI (`pnpm validate:specs`); here they are only compiled into request and response
 * validators, which is what the simulator needs.
 */
class SpecBackend extends OpenAPIBackend {
  override validateDefinition(): Document {
    return this.document;
  }
}

export interface LoadedSpec {
  /** Absolute path of the YAML file. */
  file: string;
  document: Record<string, unknown>;
  backend: OpenAPIBackend;
}

/** Where the specs are: `dist/specs/` in the published package, the repository's `specs/` in the workspace. */
export function specsDirCandidates(): string[] {
  return [
    fileURLToPath(new URL("./specs/", import.meta.url)),
    fileURLToPath(new URL("../../../../specs/", import.meta.url)),
  ];
}

export function resolveSpecFile(spec: string, specsDir?: string): string {
  const dirs = specsDir === undefined ? specsDirCandidates() : [specsDir];
  for (const dir of dirs) {
    const file = `${dir.replace(/\/?$/, "/")}${spec}`;
    if (existsSync(file)) return file;
  }
  throw new Error(`@dbusers/simulator: spec ${spec} not found in ${dirs.join(", ")}`);
}

// Parsing and dereferencing a spec, and each validator compiled on first use, are kept: a spec file is
// loaded once per process and shared by every simulator (the validators hold no state).
const cache = new Map<string, Promise<LoadedSpec>>();

export function loadSpec(file: string): Promise<LoadedSpec> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = compile(file);
    cache.set(file, loaded);
    loaded.catch(() => cache.delete(file));
  }
  return loaded;
}

async function compile(file: string): Promise<LoadedSpec> {
  const document = parseYaml(readFileSync(file, "utf8")) as Record<string, unknown>;
  const backend = new SpecBackend({
    definition: structuredClone(document) as unknown as Document,
    // Routing is done on paths relative to the vendor's base path (see pipeline.ts).
    apiRoot: "/",
    strict: true,
    validate: true,
    // Each operation's validators are compiled when it is first called, not all at start-up: a simulator
    // serves four vendors, and most test files call a few operations of one.
    quick: true,
    // OpenAPI 3.1 schemas are JSON Schema 2020-12 (`unevaluatedProperties`, type arrays, …): validate them
    // with Ajv's 2020-12 flavour instead of openapi-backend's default draft-07 Ajv, plus the standard
    // formats (`uuid`, `date-time`, …) and OpenAPI's own (`int64`, `password`, …).
    customizeAjv: (_ajv, options) => {
      const ajv = new Ajv2020({ ...options, strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addFormat("int32", {
        type: "number",
        validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
      });
      ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
      ajv.addFormat("float", { type: "number", validate: () => true });
      ajv.addFormat("double", { type: "number", validate: () => true });
      ajv.addFormat("password", true);
      ajv.addFormat("binary", true);
      ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
      // openapi-backend's types name its own Ajv import; the 2020 class is the same API.
      return ajv as unknown as typeof _ajv;
    },
  });
  await backend.init();
  return { file, document, backend };
}

/** The path part of the spec's first server URL (`""` for none or `/`). */
export function serverBasePath(document: Record<string, unknown>): string {
  const servers = document.servers as Array<{ url?: string }> | undefined;
  const url = servers?.[0]?.url;
  if (!url) return "";
  const path = url.startsWith("/") ? url : new URL(url.replace(/\{[^}]*\}/g, "x")).pathname;
  return path.replace(/\/+$/, "");
}
