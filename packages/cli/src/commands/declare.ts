// `dbusers plan`, `apply` and `import`: users.yaml against the configured target, through
// @dbusers/sdk/declare.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ValidationError } from "@dbusers/sdk";
import {
  type ApplyResult,
  apply,
  type Change,
  checkDeclaration,
  hasDifferences,
  importDeclaration,
  type Plan,
  plan,
} from "@dbusers/sdk/declare";
import type { Command } from "commander";
import { stringify } from "yaml";
import type { Context } from "../context.ts";
import { EXIT } from "../exit-codes.ts";
import { startProgress } from "../progress.ts";
import type { ClientFactory, RegisterCommand } from "../run.ts";
import { type Credential, deliverSecrets, requireSecretsDestination } from "../secrets.ts";
import { UsageError } from "../usage-error.ts";
import {
  byPosition,
  describe,
  type LoadedUsersFile,
  parseUsersFile,
  pathSegments,
  USERS_SCHEMA_URL,
} from "../users-file.ts";

interface DeclareOptions {
  file: string;
  prune?: boolean;
  regrant?: boolean;
  detailedExitcode?: boolean;
}

const SIGNS: Record<Change["action"], string> = { create: "+", update: "~", delete: "-" };

export function registerDeclareCommands(program: Command, register: RegisterCommand): void {
  const withPlanOptions = (command: Command) =>
    command
      .requiredOption("-f, --file <users.yaml>", "the declared users")
      .option("--prune", "delete users the file does not name (never protected ones)")
      .option("--regrant", "HostUp: grant the declared privileges of existing users again");

  register(
    withPlanOptions(
      program.command("plan").description("show what apply would change; sends nothing but a listing"),
    ).option("--detailed-exitcode", "exit 3 when there are changes or drift, 0 when there are none"),
    async (_context, client, options: DeclareOptions) => {
      const file = loadUsersFile(options.file);
      const target = targetOf(file, client);
      const planned = await plan(target, planOptions(options));
      const differs = hasDifferences(planned);
      return {
        data: { ...planData(planned), hasChanges: differs },
        text: () => planText(planned),
        ...(options.detailedExitcode && differs ? { exitCode: EXIT.changes } : {}),
      };
    },
  );

  register(
    withPlanOptions(program.command("apply").description("make the target's users what users.yaml declares")),
    async (context, client, options: DeclareOptions) => {
      const file = loadUsersFile(options.file);
      const target = targetOf(file, client);
      const planned = await plan(target, planOptions(options));
      const creates = planned.changes.filter((change) => change.action === "create").length;
      if (creates > 0) requireSecretsDestination(context, `plan creates ${creates} user(s)`);
      const progress = startProgress(context, `applying ${planned.changes.length} change(s)`);
      const result = await apply(target, planned, {
        onProgress: ({ index, total, change, result }) => {
          if (result === undefined) progress.update(`${index + 1}/${total} ${change.action} ${change.name}`);
        },
      });
      const summary = applySummary(result);
      (result.ok ? progress.done : progress.fail)(summary);
      const credentials = result.results.flatMap((r): Credential[] =>
        r.password === undefined ? [] : [{ name: r.change.name, password: r.password }],
      );
      const passwords = deliverSecrets(context, credentials);
      return {
        data: {
          target: result.target,
          provider: result.provider,
          ok: result.ok,
          changes: result.results.map((r) => ({
            action: r.change.action,
            name: r.change.name,
            status: r.status,
            ...(r.error === undefined ? {} : { error: r.error }),
          })),
          drift: planned.drift,
          ...(Object.keys(passwords).length === 0 ? {} : { passwords }),
          ...(credentials.length > 0 && context.secretsFile !== undefined
            ? { secretsFile: context.secretsFile }
            : {}),
        },
        text: () => applyText(result, planned, passwords, context),
        ...(result.ok ? {} : { exitCode: EXIT.failed }),
      };
    },
  );

  register(
    program
      .command("import")
      .description("write the target's users as a users.yaml declaration (stdout, or --file)")
      .option("-f, --file <users.yaml>", "write here instead of stdout")
      .option("--force", "overwrite --file if it exists"),
    async (_context, client, options: { file?: string; force?: boolean }) => {
      const imported = await importDeclaration(client());
      const declaration = { $schema: USERS_SCHEMA_URL, provider: imported.provider, users: imported.users };
      const yaml = `# yaml-language-server: $schema=${USERS_SCHEMA_URL}\n${stringify(declaration)}`;
      if (options.file !== undefined) {
        if (existsSync(options.file) && options.force !== true) {
          throw new UsageError(`${options.file} exists: pass --force to overwrite it`);
        }
        writeFileSync(options.file, yaml);
      }
      const note =
        imported.protectedUsers.length > 0
          ? `# protected, left out: ${imported.protectedUsers.join(", ")}\n`
          : "";
      return {
        data: declaration,
        text: () =>
          options.file === undefined
            ? `${note}${yaml}`.trimEnd()
            : `wrote ${options.file}: ${imported.users.length} user(s)${note ? `; ${note.slice(2).trim()}` : ""}`,
      };
    },
  );
}

function planOptions(options: DeclareOptions) {
  return { prune: options.prune === true, regrant: options.regrant === true };
}

function loadUsersFile(file: string): LoadedUsersFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseUsersFile(text, file);
}

/** The target, once the file is known to be for the configured vendor and passes the sdk's own check. */
function targetOf(file: LoadedUsersFile, client: ClientFactory) {
  const users = client();
  const { provider, users: desired } = file.content;
  if (provider !== users.provider) {
    throw new UsageError(`${file.file} is for another vendor`, [
      `${file.where(["provider"])}: provider is ${provider}, but dbusers is configured for ${users.provider}`,
    ]);
  }
  try {
    checkDeclaration(provider, desired);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(
      `${file.file} cannot be applied to ${provider}`,
      byPosition(
        (error.issues ?? []).map((issue) => {
          const path = pathSegments(issue.path);
          return `${file.where(path)}: ${describe(path)} ${issue.message}`;
        }),
      ),
    );
  }
  return { users, desired };
}

function planData(planned: Plan) {
  return {
    target: planned.target,
    provider: planned.provider,
    changes: planned.changes.map((change) => ({
      action: change.action,
      name: change.name,
      ...(change.action === "update" ? { fields: change.fields } : {}),
    })),
    drift: planned.drift,
    unmanaged: planned.unmanaged,
    protectedUsers: planned.protectedUsers,
    notes: planned.notes,
  };
}

const show = (value: unknown) => (value === undefined ? "(not set)" : JSON.stringify(value));

function planText(planned: Plan): string {
  const lines: string[] = [];
  if (!hasDifferences(planned)) {
    lines.push(`No changes: the users of ${planned.target} match the declaration.`);
  } else {
    const count = (action: Change["action"]) => planned.changes.filter((c) => c.action === action).length;
    lines.push(
      `Plan: ${count("create")} to create, ${count("update")} to update, ${count("delete")} to delete, ${planned.drift.length} drifted.`,
    );
    for (const change of planned.changes) {
      lines.push(`  ${SIGNS[change.action]} ${change.action} ${change.name}`);
      if (change.action === "update") {
        for (const field of change.fields)
          lines.push(`      ${field.field}: ${show(field.actual)} → ${show(field.desired)}`);
      }
    }
    for (const drift of planned.drift) {
      lines.push(`  ! drift ${drift.name}: ${drift.reason}`);
      for (const field of drift.fields)
        lines.push(`      ${field.field}: ${show(field.actual)} → ${show(field.desired)}`);
    }
  }
  if (planned.unmanaged.length > 0)
    lines.push(`Not declared, kept (--prune deletes them): ${planned.unmanaged.join(", ")}`);
  if (planned.protectedUsers.length > 0)
    lines.push(`Protected, never deleted: ${planned.protectedUsers.join(", ")}`);
  for (const note of planned.notes) lines.push(`Note: ${note}`);
  return lines.join("\n");
}

function applySummary(result: ApplyResult): string {
  const count = (status: string) => result.results.filter((r) => r.status === status).length;
  return `Apply: ${count("done")} done, ${count("failed")} failed, ${count("unknown")} unknown.`;
}

function applyText(
  result: ApplyResult,
  planned: Plan,
  passwords: Record<string, string>,
  context: Context,
): string {
  if (result.results.length === 0) return planText(planned);
  const lines = result.results.map((r) => {
    const head = `  ${SIGNS[r.change.action]} ${r.change.action} ${r.change.name}: ${r.status}`;
    if (r.error === undefined) return head;
    const retry =
      r.status === "unknown" ? " (the change may have happened: run apply again to converge)" : "";
    return `${head} — ${r.error.name}: ${r.error.message}${retry}`;
  });
  for (const [name, password] of Object.entries(passwords)) lines.push(`  password of ${name}: ${password}`);
  if (context.secretsFile !== undefined && result.results.some((r) => r.password !== undefined)) {
    lines.push(`  new passwords written to ${context.secretsFile} (mode 0600)`);
  }
  lines.push(applySummary(result));
  for (const drift of planned.drift) lines.push(`Drift left as it is: ${drift.name} (${drift.reason})`);
  return lines.join("\n");
}
