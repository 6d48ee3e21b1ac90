import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { Secret } from "@dbusers/core";
import type { RotationState } from "./state.ts";
import { type RotationStore, StoreConflictError } from "./store.ts";

/** The file's JSON: each key's version and state, passwords in clear (the file is its owner's alone). */
type FileContent = Record<
  string,
  { version: number; state: Omit<RotationState, "passwords"> & { passwords: Record<string, string> } }
>;

/**
 * A store in one JSON file, readable by its owner only (mode 0600). Each write goes to a temporary file
 * beside it, flushed to disk, then renamed over it: a crash leaves the old file or the new one, never a
 * torn one. The compare-and-set holds within a process; processes that share the file take turns
 * through the rotation's lock (a store shared by several hosts is the Redis store's job).
 */
export function createFileStore(path: string): RotationStore {
  // Writes of this process, one after another: a read-check-write is then a compare-and-set.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(task: () => Promise<T>): Promise<T> => {
    const result = turn.then(task, task);
    turn = result.catch(() => {});
    return result;
  };
  return {
    async get(key) {
      const entry = (await readContent(path))[key];
      return entry && { version: entry.version, state: decode(entry.state) };
    },
    put(key, state, expected) {
      return inTurn(async () => {
        const content = await readContent(path);
        const found = content[key]?.version ?? 0;
        if (found !== expected) throw new StoreConflictError(key, expected, found);
        content[key] = { version: found + 1, state: encode(state) };
        await writeAtomically(path, `${JSON.stringify(content, null, 2)}\n`);
        return found + 1;
      });
    },
  };
}

async function readContent(path: string): Promise<FileContent> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as FileContent;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  // Created 0600 (the umask can only take bits away): the passwords are never readable by others.
  const file = await open(temporary, "wx", 0o600);
  try {
    await file.writeFile(text, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function encode(state: RotationState): FileContent[string]["state"] {
  const passwords = Object.fromEntries(
    Object.entries(state.passwords).map(([name, secret]) => [name, secret.reveal()]),
  );
  return { ...state, passwords };
}

function decode(stored: FileContent[string]["state"]): RotationState {
  const passwords = Object.fromEntries(
    Object.entries(stored.passwords).map(([name, value]) => [name, new Secret(value)]),
  );
  return { ...stored, passwords };
}
