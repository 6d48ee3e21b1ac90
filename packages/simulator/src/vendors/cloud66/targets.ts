// Cloud 66's server groups with databases as the CLI lists them: a client needs the stack's uid and the
// group's id. Users log in to the group's first database (a real group's cluster comes with it).
import type { VendorTarget } from "../../framework/types.ts";
import type { Cloud66Control } from "./control.ts";
import { REAL_ENGINES } from "./real-databases.ts";

export function cloud66Targets(control: Cloud66Control): VendorTarget[] {
  return control.listStacks().flatMap((stack) =>
    stack.serverGroups
      // A group without databases (web servers) has no users to configure a client for.
      .filter((group) => group.databaseOperations)
      .map((group) => {
        const first = group.databases[0];
        return {
          label: `${group.engine} server group ${group.name} of stack ${stack.name}`,
          ids: { "stack uid": stack.uid, "server group id": group.id },
          users: group.users.map((user) => user.username),
          ...(first && {
            login: {
              engine: REAL_ENGINES[group.engine],
              connection: (name: string) => control.connection(stack.uid, group.id, name, first.name),
            },
          }),
        };
      }),
  );
}
