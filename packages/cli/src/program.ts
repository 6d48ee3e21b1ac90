// The `dbusers` command line: its global options, its commands, and `main`, which the bin runs.
import tab from "@bomb.sh/tab/commander";
import { Command, Option } from "commander";
import pkg from "../package.json" with { type: "json" };
import { registerDeclareCommands } from "./commands/declare.ts";
import { registerRotateCommand } from "./commands/rotate.ts";
import { registerUserCommands } from "./commands/users.ts";
import { OUTPUT_FORMATS, type OutputFormat } from "./context.ts";
import { EXIT } from "./exit-codes.ts";
import { bindAction, type Io, reportFailure } from "./run.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Builds the program; `exit.code` holds what the command that ran asked to exit with. */
export function buildProgram(io: Io, exit: { code: number }): Command {
  const program = new Command("dbusers")
    .description(
      "Manage database users on DigitalOcean, Scalingo, Cloud66 and HostUp, one by one or as declared state.",
    )
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addOption(
      new Option("-o, --output <format>", "table, json or yaml; json and yaml print the document only")
        .choices(OUTPUT_FORMATS)
        .default("table"),
    )
    .option("--show-secrets", "print new passwords in the output")
    .option("--secrets-file <file>", "write new passwords to this JSON file (mode 0600), merged by user name")
    .option("--config <file>", "a YAML map of configuration variables (default: $DBUSERS_CONFIG)")
    .option("--provider <name>", "the vendor (DBUSERS_PROVIDER)")
    .option("--base-url <url>", "the vendor API's root, e.g. a simulator (DBUSERS_BASE_URL)")
    .option("--timeout-ms <ms>", "time limit of each HTTP attempt (DBUSERS_TIMEOUT_MS)")
    .option(
      "--set <NAME=VALUE>",
      "any configuration variable, e.g. DIGITALOCEAN_CLUSTER_ID=… (repeatable)",
      collect,
    )
    .option("--debug", "log each request to stderr (tokens and passwords redacted)");
  const register = bindAction(io, exit);
  registerUserCommands(program, register);
  registerDeclareCommands(program, register);
  registerRotateCommand(program, register);
  // Last: it completes the commands and options defined above.
  tab(program, { completionCommandName: "completion" });
  return program;
}

/** Runs `dbusers` with `argv` (process.argv's shape) and resolves with its exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const exit = { code: EXIT.done as number };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...argv]);
    return exit.code;
  } catch (error) {
    return reportFailure(io, (program.opts().output as OutputFormat | undefined) ?? "table", error);
  }
}
