// Scalingo's database addons as the CLI lists them: a client needs the app's id and the addon's id.
import type { VendorTarget } from "../../framework/types.ts";
import type { ScalingoControl } from "./control.ts";
import { REAL_ENGINES } from "./real-databases.ts";

export function scalingoTargets(control: ScalingoControl): VendorTarget[] {
  return control.listDatabases().map((database) => {
    const engine = REAL_ENGINES[database.engine];
    return {
      label: `${database.engine} addon ${database.name}`,
      ids: { "app id": database.appId, "addon id": database.id },
      users: database.users.map((user) => user.name),
      ...(engine && { login: { engine, connection: (name) => control.connection(database.id, name) } }),
    };
  });
}
