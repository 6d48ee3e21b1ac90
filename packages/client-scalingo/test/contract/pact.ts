import path from "node:path";
import { fileURLToPath } from "node:url";
import { Pact } from "@pact-foundation/pact";

/** Pact files land in the package's git-ignored pacts/ folder, cleared by global-setup.ts. */
export const PACT_DIR: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pacts");

export function scalingoPact(): Pact {
  return new Pact({
    consumer: "dbusers-client-scalingo",
    provider: "scalingo",
    dir: PACT_DIR,
    logLevel: "warn",
  });
}
