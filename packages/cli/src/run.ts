// How a command runs: the context from the global options, the facade client made on first use, the
// document printed, and every failure turned into its exit code and a message with no secret in it.
import { RotationError } from "@dbusers/rotation";
import { type DatabaseUsers, DatabaseUsersError, type Logger } from "@dbusers/sdk";
import { type Command, CommanderError } from "commander";
import { type ConfigFlags, createClient, resolveVariables } from "./config.ts";
import type { Context, OutputFormat } from "./context.ts";
import { EXIT } from "./exit-codes.ts";
import { type Document, print } from "./render.ts";
import { UsageError } from "./usage-error.ts";

/** The configured facade client, made when a command first needs it (so `--help` needs no configuration). */
export type ClientFactory = () => DatabaseUsers;

export interface GlobalOptions extends ConfigFlags {
  output: OutputFormat;
  showSecrets?: boolean;
  secretsFile?: string;
  debug?: boolean;
}

export type Io = Pick<Context, "stdout" | "stderr" | "stdin" | "env">;

export type CommandAction = (
  context: Context,
  client: ClientFactory,
  ...args: never[]
) => Promise<Document & { exitCode?: number }>;

/** What each command file is given to register its commands' actions with. */
export type RegisterCommand = (command: Command, action: CommandAction) => void;

/** Runs `action` as `command`'s action, remembering the exit code it asks for in `exit.code`. */
export function bindAction(io: Io, exit: { code: number }): RegisterCommand {
  return (command, action) => {
    command.action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const globals = self.optsWithGlobals<GlobalOptions>();
      const context: Context = {
        ...io,
        output: globals.output,
        showSecrets: globals.showSecrets === true,
        secretsFile: globals.secretsFile,
      };
      let client: DatabaseUsers | undefined;
      const factory: ClientFactory = () => {
        client ??= createClient(
          resolveVariables(globals, io.env),
          globals.debug ? stderrLogger(io) : undefined,
        );
        return client;
      };
      const document = await action(context, factory, ...(args.slice(0, -1) as never[]));
      print(context, document);
      exit.code = document.exitCode ?? EXIT.done;
    });
  };
}

/** The exit code of a failure, after printing it: JSON and YAML runs print an error document. */
export function reportFailure(io: Io, output: OutputFormat, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help, or the version) already.
    return error.exitCode === 0 ? EXIT.done : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`dbusers: ${error.message}\n`);
    return EXIT.usage;
  }
  const facts = failureFacts(error);
  if (output === "table") {
    const outcome =
      facts.outcome === "unknown"
        ? "\noutcome: unknown — the change may have happened; run the command again or look (users get)"
        : facts.outcome === "not-applied"
          ? "\noutcome: not applied — nothing changed"
          : "";
    io.stderr.write(`dbusers: ${facts.name} (${facts.code}): ${facts.message}${outcome}\n`);
  } else {
    print(
      { ...io, output, showSecrets: false, secretsFile: undefined },
      { data: { error: facts }, text: () => "" },
    );
  }
  return EXIT.failed;
}

interface FailureFacts {
  name: string;
  code: string;
  message: string;
  provider?: string;
  status?: number;
  outcome?: string;
  step?: string;
  requestId?: string;
  /** A rotation's: why it stopped (`drain-pending`, `twin-unavailable`, …), and when to try again. */
  reason?: string;
  retryAfterMs?: number;
}

function failureFacts(error: unknown): FailureFacts {
  if (error instanceof DatabaseUsersError) {
    return {
      name: error.name,
      code: error.code,
      message: error.message,
      provider: error.provider,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.outcome === undefined ? {} : { outcome: error.outcome }),
      ...(error.step === undefined ? {} : { step: error.step }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      ...(error instanceof RotationError ? { reason: error.reason } : {}),
      ...(error instanceof RotationError && error.retryAfterMs !== undefined
        ? { retryAfterMs: error.retryAfterMs }
        : {}),
    };
  }
  return {
    name: error instanceof Error ? error.name : "Error",
    code: "unexpected",
    message: error instanceof Error ? error.message : "a non-Error value was thrown",
  };
}

/** `--debug`: the sdk's request lines on stderr. The sdk redacts tokens and passwords before logging. */
function stderrLogger(io: Io): Logger {
  const line = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    io.stderr.write(`${level}: ${message}${meta === undefined ? "" : ` ${JSON.stringify(meta)}`}\n`);
  };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}
