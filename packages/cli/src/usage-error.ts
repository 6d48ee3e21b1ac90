import { EXIT } from "./exit-codes.ts";

/** A problem with what the user typed or wrote (flags, configuration, users.yaml): exit 2, nothing sent. */
export class UsageError extends Error {
  override name = "UsageError";
  readonly exitCode: number = EXIT.usage;
  /** One line each, e.g. `users.yaml:4:7: users[0].readOnly must be boolean`. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(problems.length === 0 ? message : `${message}\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.problems = problems;
  }
}
