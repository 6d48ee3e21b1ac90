// The single list of vendors every tool reads. Adding a vendor = adding one entry here
// (plus its spec file, its packages/client-<vendor> package and its simulator module).
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface VendorSpec {
  /** Short vendor id, as used in package names and `createDatabaseUsers({ provider })`. */
  readonly vendor: string;
  /** The hand-written OpenAPI document, relative to the repository root. */
  readonly spec: string;
  /** The client package generated from it, relative to the repository root. */
  readonly package: string;
}

export const specs: readonly VendorSpec[] = [
  { vendor: "digitalocean", spec: "specs/digitalocean.yaml", package: "packages/client-digitalocean" },
  { vendor: "scalingo", spec: "specs/scalingo.yaml", package: "packages/client-scalingo" },
  { vendor: "cloud66", spec: "specs/cloud66.yaml", package: "packages/client-cloud66" },
  { vendor: "hostup", spec: "specs/hostup.yaml", package: "packages/client-hostup" },
];

/**
 * The simulator package. Each vendor's module in it (src/vendors/<vendor>/) gets the spec's types too,
 * so that the simulator's state and handlers are typed by the spec rather than by hand-copied shapes.
 */
export const simulatorPackage = "packages/simulator";

/** Absolute path of the repository root (the folder above tools/). */
export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Resolves a path relative to the repository root. */
export function fromRoot(relative: string): string {
  return path.resolve(repoRoot, relative);
}

/** The entry whose package folder is `dir` (absolute, or relative to the current directory), if any. */
export function findByPackageDir(dir: string): VendorSpec | undefined {
  const wanted = path.resolve(dir);
  return specs.find((entry) => fromRoot(entry.package) === wanted);
}
