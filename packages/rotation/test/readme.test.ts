// Every TypeScript example of the README type-checks against the package's source: the examples are
// written out (imports of @dbusers/rotation pointed at src/) and compiled with the package's settings.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

it("README examples type-check", async () => {
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  expect(examples.length).toBeGreaterThanOrEqual(3);
  const folder = path.join(root, "test-results", "readme");
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (const [i, example] of examples.entries()) {
    const code = example.replace(
      /from "@dbusers\/rotation(\/\w+)?"/g,
      (_, entry?: string) => `from "../../src/${entry ? entry.slice(1) : "index"}.ts"`,
    );
    await writeFile(path.join(folder, `example-${i + 1}.ts`), `${code}\nexport {};\n`);
  }
  const tsconfig = { extends: "../../../../tsconfig.base.json", include: ["*.ts"] };
  await writeFile(path.join(folder, "tsconfig.json"), JSON.stringify(tsconfig));
  const tsc = path.join(root, "node_modules", ".bin", "tsc");
  const result = await run(tsc, ["--noEmit", "-p", folder]).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
  expect(result).toBe("");
});
