// `dbusers rotate <credential>`: one zero-downtime rotation through @dbusers/rotation (a pair of vendor
// users, one CURRENT), its state in a file store (mode 0600) that services read CURRENT from.
import {
  createFileStore,
  createRotation,
  type RotationPlan,
  type RotationStrategy,
  type TwinOptions,
} from "@dbusers/rotation";
import { type Command, InvalidArgumentError, Option } from "commander";
import { startProgress } from "../progress.ts";
import type { Document } from "../render.ts";
import type { RegisterCommand } from "../run.ts";
import { deliverSecrets } from "../secrets.ts";

interface RotateOptions {
  store: string;
  user?: string;
  strategy: RotationStrategy;
  drainMs?: number;
  plan?: boolean;
  twinName?: string;
  twinDatabases?: string[];
  privileges?: Record<string, string[]>;
}

const STRATEGIES: readonly RotationStrategy[] = ["alternating", "in-place"];

/** `--drain-ms`: a whole number of milliseconds; anything else is a usage error (exit 2) before anything is sent. */
function parseDrainMs(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("a whole number of milliseconds (0 or more)");
  return Number(value);
}

/** `--twin-databases db_a,db_b`: Cloud 66's database UIDs, which its users list by name only. */
function parseList(value: string): string[] {
  const items = value.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) throw new InvalidArgumentError("a comma-separated list, none empty");
  return items;
}

/** `--privileges shop=SELECT,INSERT` (repeatable): HostUp's privileges per database, which it does not report. */
function parsePrivileges(value: string, previous: Record<string, string[]> = {}): Record<string, string[]> {
  const [database, list] = value.split("=", 2);
  if (!database?.trim() || list === undefined) {
    throw new InvalidArgumentError("DATABASE=PRIVILEGE[,PRIVILEGE…], e.g. shop=SELECT,INSERT");
  }
  return { ...previous, [database.trim()]: parseList(list) };
}

/** What the command says of the twin beyond what the vendor reports. */
function twinOf({ twinName, twinDatabases, privileges }: RotateOptions): TwinOptions | undefined {
  const twin: TwinOptions = {
    ...(twinName === undefined ? {} : { name: twinName }),
    ...(twinDatabases === undefined ? {} : { create: { databases: twinDatabases } }),
    ...(privileges === undefined ? {} : { privileges }),
  };
  return Object.keys(twin).length === 0 ? undefined : twin;
}

export function registerRotateCommand(program: Command, register: RegisterCommand): void {
  register(
    program
      .command("rotate")
      .description("rotate a logical credential's password with no downtime (a twin user takes over)")
      .argument("<credential>", "the logical credential, e.g. app")
      .requiredOption(
        "--store <file>",
        "the rotation state file (created with mode 0600); services read CURRENT there",
      )
      .option(
        "--user <name>",
        "the vendor user that is CURRENT before the first rotation (default: the credential)",
      )
      .addOption(
        new Option("--strategy <strategy>", "alternating (zero downtime) or in-place (NOT zero downtime)")
          .choices(STRATEGIES)
          .default("alternating"),
      )
      .option(
        "--drain-ms <ms>",
        "how long PREVIOUS keeps working after a promotion before a rotation may change it (default 60000)",
        parseDrainMs,
      )
      .option("--twin-name <name>", "the twin user's name (default: one valid under the vendor's rule)")
      .option(
        "--twin-databases <uids>",
        "Cloud 66: the database UIDs the twin is created with (its users list databases by name only)",
        parseList,
      )
      .option(
        "--privileges <database=privileges>",
        "HostUp: privileges the credential holds on a database, granted to the twin (repeatable)",
        parsePrivileges,
      )
      .option("--plan", "say what rotate would do, from the store alone; sends nothing"),
    async (context, client, credential: string, options: RotateOptions) => {
      const settings = {
        users: client(),
        store: createFileStore(options.store),
        credential,
        strategy: options.strategy,
        ...(options.user === undefined ? {} : { user: options.user }),
        ...(options.drainMs === undefined ? {} : { drainMs: options.drainMs }),
      };
      const twin = twinOf(options);
      if (twin) Object.assign(settings, { twin });
      if (options.plan) return planDocument(credential, await createRotation(settings).plan());

      const progress = startProgress(context, `rotating ${credential}`);
      const rotation = createRotation({
        ...settings,
        onStep: ({ boundary, user }) => progress.update(`rotating ${credential}: ${boundary} (${user})`),
      });
      const result = await rotation.rotate().catch((error: unknown) => {
        progress.fail(`rotation of ${credential} stopped`);
        throw error;
      });
      progress.done(`${credential}: CURRENT is ${result.current}`);
      const current = await rotation.current();
      const shown = current
        ? deliverSecrets(context, [{ name: current.username, password: current.password }])
        : {};
      const password = shown[result.current];
      return {
        data: {
          credential,
          key: rotation.key,
          store: options.store,
          ...result,
          ...(password === undefined ? {} : { password }),
          ...(context.secretsFile === undefined ? {} : { secretsFile: context.secretsFile }),
        },
        text: () =>
          [
            ...result.actions.map((action) => `  ${action}`),
            `${credential}: CURRENT ${result.current}${result.previous ? `, PREVIOUS ${result.previous}` : ""} (${result.rotations} rotation(s))`,
            password !== undefined
              ? `  password of ${result.current}: ${password}`
              : `  password of ${result.current}: in ${options.store}${context.secretsFile === undefined ? "" : ` and ${context.secretsFile}`} (mode 0600)`,
          ].join("\n"),
      };
    },
  );
}

function planDocument(credential: string, plan: RotationPlan): Document {
  return {
    data: { credential, plan },
    text: () =>
      [
        `Rotation plan for ${credential} (${plan.strategy}): ${plan.pending} would become CURRENT${plan.resumeFrom ? `, resuming at ${plan.resumeFrom}` : ""}; nothing was sent.`,
        ...plan.due.map((hook) => `  owed first: ${hook}`),
        ...plan.steps.map((step, index) => `  ${index + 1}. ${step}`),
      ].join("\n"),
  };
}
