// Real HTTP requests to the Cloud 66 API of a simulator, for the Cloud 66 module's tests.
import { DEFAULT_TOKEN, type Simulator } from "../../src/index.ts";
import { type ApiResponse, type RequestOptions, vendorRequests } from "../helpers.ts";

export interface Cloud66Api {
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  list(query?: Record<string, string>, options?: RequestOptions): Promise<ApiResponse>;
  create(body: unknown, options?: RequestOptions): Promise<ApiResponse>;
  regenerate(uid: string, options?: RequestOptions): Promise<ApiResponse>;
  remove(uid: string, options?: RequestOptions): Promise<ApiResponse>;
  action(id: number, options?: RequestOptions): Promise<ApiResponse>;
}

/** The API of one server group of one stack, with `defaultToken` unless a call gives its own. */
export function cloud66Api(
  sim: Simulator,
  stackId: string,
  groupId: number | string,
  defaultToken: string | null = DEFAULT_TOKEN,
): Cloud66Api {
  const users = `/stacks/${stackId}/server_groups/${groupId}/database_users`;
  const request = vendorRequests(sim.urls.cloud66, defaultToken);
  return {
    request,
    list: (query = {}, options) => request("GET", `${users}?${new URLSearchParams(query)}`, options),
    create: (body, options) => request("POST", users, { ...options, body }),
    regenerate: (uid, options) => request("POST", `${users}/${uid}/regenerate_password`, options),
    remove: (uid, options) => request("DELETE", `${users}/${uid}`, options),
    action: (id, options) => request("GET", `/stacks/${stackId}/actions/${id}`, options),
  };
}
