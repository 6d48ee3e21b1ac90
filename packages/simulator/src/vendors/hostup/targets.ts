// HostUp's accounts as the CLI lists them: a client needs the account's id. Users log in to the account's
// first database (a real account's cluster comes with it); HostUp runs MySQL only.
import type { VendorTarget } from "../../framework/types.ts";
import type { HostUpControl } from "./control.ts";

export function hostupTargets(control: HostUpControl): VendorTarget[] {
  return control.listAccounts().map((account) => {
    const first = account.databases[0];
    return {
      label: `account with databases ${account.databases.join(", ")}`,
      ids: { "account id": account.id },
      users: account.users.map((user) => user.username),
      ...(first !== undefined && {
        login: { engine: "mysql", connection: (name: string) => control.connection(account.id, name, first) },
      }),
    };
  });
}
