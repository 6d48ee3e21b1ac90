// DigitalOcean's clusters as the CLI lists them: a client needs the cluster's id.
import type { VendorTarget } from "../../framework/types.ts";
import type { DigitalOceanControl } from "./control.ts";
import { REAL_ENGINES } from "./real-databases.ts";

export function digitalOceanTargets(control: DigitalOceanControl): VendorTarget[] {
  return control.listClusters().map((cluster) => {
    const engine = REAL_ENGINES[cluster.engine];
    return {
      label: `${cluster.engine} cluster ${cluster.name}`,
      ids: { "cluster id": cluster.id },
      users: cluster.users.map((user) => user.name),
      ...(engine && { login: { engine, connection: (name) => control.connection(cluster.id, name) } }),
      example: (baseUrl, token) =>
        `curl -H "Authorization: Bearer ${token}" ${baseUrl}/v2/databases/${cluster.id}/users`,
    };
  });
}
