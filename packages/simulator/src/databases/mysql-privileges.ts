// MySQL privilege names as the server itself knows them (`SHOW PRIVILEGES`). Privileges are keywords, so
// no placeholder can carry them: only the server's own names ever reach a GRANT or REVOKE, and a name
// the server does not list is refused before anything is sent.
import { DatabaseBackendError } from "./types.ts";

/** `ALL` is no row of `SHOW PRIVILEGES`, but every server accepts it at database level. */
const ALL = "ALL PRIVILEGES";

function normalized(name: string): string {
  return name.trim().replace(/\s+/g, " ").toUpperCase();
}

export class MysqlPrivileges {
  readonly #known: ReadonlySet<string>;

  /** `names`: the `Privilege` column of the server's `SHOW PRIVILEGES` (`Select`, `Show view`, …). */
  constructor(names: readonly string[]) {
    this.#known = new Set([...names.map(normalized), ALL]);
  }

  /** The server's spelling of each name (`select` → `SELECT`, `all` → `ALL PRIVILEGES`), or the refusal. */
  canonical(privileges: readonly string[]): string[] {
    const names = privileges.map((privilege) =>
      normalized(privilege) === "ALL" ? ALL : normalized(privilege),
    );
    const unknown = privileges.filter((_, i) => !this.#known.has(names[i] ?? ""));
    if (unknown.length > 0 || names.length === 0) {
      throw new DatabaseBackendError(
        "unknown_privilege",
        names.length === 0
          ? "no privilege given"
          : `unknown MySQL privilege ${unknown.map((name) => JSON.stringify(name)).join(", ")}`,
      );
    }
    return [...new Set(names)];
  }
}
