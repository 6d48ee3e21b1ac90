import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { folderClosedToOthers } from "../../src/databases/system-user-access.ts";

describe("folderClosedToOthers (embedded PostgreSQL as root runs as the postgres user)", () => {
  const made: string[] = [];
  afterEach(async () => {
    for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  /** `<tmp>/dbusers-access-…/node_modules/pkg/index.js`, the top folder with `mode`. */
  async function tree(mode: number): Promise<{ top: string; file: string }> {
    const top = await mkdtemp(join(tmpdir(), "dbusers-access-"));
    made.push(top);
    const folder = join(top, "node_modules", "pkg");
    await mkdir(folder, { recursive: true });
    const file = join(folder, "index.js");
    await writeFile(file, "");
    await chmod(top, mode);
    return { top, file };
  }

  it("names a folder above the file that only its owner may enter (mktemp -d's mode 700)", async () => {
    const { top, file } = await tree(0o700);
    expect(await folderClosedToOthers(file)).toBe(top);
  });

  it("finds none when every folder up to the root lets others through", async () => {
    const { file } = await tree(0o755);
    expect(await folderClosedToOthers(file)).toBeUndefined();
  });
});
