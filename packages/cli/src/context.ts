// What every command is given: where to write, in which format, and what to do with new passwords.
import type { Writable } from "node:stream";

export type OutputFormat = "table" | "json" | "yaml";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "yaml"];

export interface Context {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  output: OutputFormat;
  /** Print new passwords in the output. */
  showSecrets: boolean;
  /** Write new passwords to this file (mode 0600) instead. */
  secretsFile: string | undefined;
}
