import path from "node:path";
import { fileURLToPath } from "node:url";
import { Pact } from "@pact-foundation/pact";

/** Pact files land in the package's git-ignored pacts/ folder, cleared by global-setup.ts. */
export const PACT_DIR: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pacts");

export function cloud66Pact(): Pact {
  return new Pact({
    consumer: "dbusers-client-cloud66",
    provider: "cloud66",
    dir: PACT_DIR,
    logLevel: "warn",
  });
}
