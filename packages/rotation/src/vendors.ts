// What a rotation needs to know of each vendor: a twin's default name under the vendor's name rule, the
// vendor-side attributes a twin must share with CURRENT, how to create it with them and what can be
// aligned afterwards. Facts only: every request goes through the vendor's adapter.
import type { CreateUserInput, DatabaseUser, DatabaseUsers, OperationOptions } from "@dbusers/core";

/** What the caller tells a rotation about the twin beyond what the vendor reports. */
export interface TwinOptions {
  /** The twin's name, or how to make it from CURRENT's; default: a name valid under the vendor's rule. */
  name?: string | ((name: string) => string);
  /**
   * Extra create input the vendor cannot report back in the form create takes it: Cloud 66's database
   * UIDs (`{ databases: ["db_abc123"] }`: its users list databases by name).
   */
  create?: Readonly<Record<string, unknown>>;
  /**
   * HostUp: the MySQL privileges per database the credential holds (`{ shop: ["SELECT", "INSERT"] }`),
   * granted to the twin before it is promoted: HostUp does not report a user's privileges.
   */
  privileges?: Readonly<Record<string, readonly string[]>>;
}

export interface VendorFacts {
  /** A twin name valid under the vendor's rule for new users. */
  twinName(name: string): string;
  /** The place the users live in (a cluster, a database, an account), for the store key. */
  scope(users: DatabaseUsers): string;
  /** Why no twin can have CURRENT's attributes, before anything is sent; `undefined` when it can. */
  refusal?(current: DatabaseUser, twin: TwinOptions): string | undefined;
  /** Create input with CURRENT's vendor-side attributes. */
  createInput(name: string, current: DatabaseUser, twin: TwinOptions): CreateUserInput;
  /** The attributes that differ, one line each (`read_only: true (CURRENT) vs false`). */
  differences(current: DatabaseUser, twin: DatabaseUser): string[];
  /**
   * Changes what the vendor lets change so that the twin matches CURRENT (idempotent); runs after the
   * twin's password is set, whose reset already carries `resetOptions`.
   */
  align?(
    users: DatabaseUsers,
    current: DatabaseUser,
    twin: DatabaseUser,
    options: TwinOptions,
    call: OperationOptions,
  ): Promise<void>;
  /** Options of the twin's password reset (DigitalOcean: CURRENT's MySQL auth plugin). */
  resetOptions?(current: DatabaseUser): Record<string, unknown>;
}

const field = (users: DatabaseUsers, name: string): string =>
  String((users as unknown as Record<string, unknown>)[name]);
const rawOf = (user: DatabaseUser): Record<string, unknown> => (user.raw ?? {}) as Record<string, unknown>;
const differ = (what: string, current: unknown, twin: unknown): string[] =>
  JSON.stringify(current) === JSON.stringify(twin)
    ? []
    : [`${what}: ${JSON.stringify(current) ?? "unset"} (CURRENT) vs ${JSON.stringify(twin) ?? "unset"}`];
const sorted = (values: readonly string[] | undefined) => (values ? [...values].sort() : undefined);

/** DigitalOcean's engine settings, without the ids the vendor gives each Kafka ACL. */
function doSettings(user: DatabaseUser): unknown {
  const settings = rawOf(user).settings as Record<string, unknown> | undefined;
  if (!settings) return undefined;
  const acl = settings.acl as Array<Record<string, unknown>> | undefined;
  return acl ? { ...settings, acl: acl.map(({ id: _, ...rest }) => rest) } : settings;
}
const authPluginOf = (user: DatabaseUser): string | undefined =>
  (rawOf(user).mysql_settings as { auth_plugin?: string } | undefined)?.auth_plugin;

interface DigitalOceanExtras {
  updateSettings(name: string, settings: unknown, options?: OperationOptions): Promise<unknown>;
}
interface HostUpExtras {
  grantPrivileges(
    name: string,
    database: string,
    privileges: readonly string[],
    options?: OperationOptions,
  ): Promise<unknown>;
}

const digitalocean: VendorFacts = {
  // A path segment; PostgreSQL and MySQL take the hyphen (the adapters quote names).
  twinName: (name) => `${name}-twin`,
  scope: (users) => field(users, "clusterId"),
  refusal: (current) =>
    current.protected
      ? `"${current.name}" is the cluster's primary user: DigitalOcean makes no other like it`
      : undefined,
  createInput: (name, current, twin) => {
    const settings = doSettings(current);
    const authPlugin = authPluginOf(current);
    return {
      name,
      ...(settings === undefined ? {} : { settings }),
      ...(authPlugin === undefined ? {} : { authPlugin }),
      ...twin.create,
    } as CreateUserInput;
  },
  differences: (current, twin) => [
    ...differ("settings", doSettings(current), doSettings(twin)),
    ...differ("mysql_settings.auth_plugin", authPluginOf(current), authPluginOf(twin)),
  ],
  async align(users, current, twin, _options, call) {
    const extras = users as unknown as DigitalOceanExtras;
    const settings = doSettings(current);
    if (settings !== undefined && differ("", settings, doSettings(twin)).length > 0) {
      await extras.updateSettings(twin.name, settings, call);
    }
  },
  resetOptions: (current) => {
    const authPlugin = authPluginOf(current);
    return authPlugin === undefined ? {} : { authPlugin };
  },
};

const scalingo: VendorFacts = {
  // 6 to 32 lower-case letters, digits and hyphens, none at either end, never two in a row.
  twinName: (name) => `${name.slice(0, 27)}-twin`,
  scope: (users) => field(users, "databaseId"),
  refusal: (current) =>
    current.protected
      ? `"${current.name}" is the database's protected owner: Scalingo makes no other like it`
      : undefined,
  createInput: (name, current, twin) => ({ name, readOnly: current.readOnly ?? false, ...twin.create }),
  // read_only cannot change after create: a twin unlike CURRENT stays unlike it.
  differences: (current, twin) => differ("read_only", current.readOnly ?? false, twin.readOnly ?? false),
};

const cloud66: VendorFacts = {
  twinName: (name) => `${name}_twin`,
  scope: (users) => `${field(users, "stackId")}/${field(users, "serverGroupId")}`,
  refusal: (current, twin) =>
    (current.databases?.length ?? 0) > 0 && twin.create?.databases === undefined
      ? `Cloud 66 lists "${current.name}"'s databases by name (${current.databases?.join(", ")}) but creates users with database UIDs: give them as twin: { create: { databases: [...] } }`
      : undefined,
  createInput: (name, current, twin) =>
    ({
      name,
      ...(current.role === undefined ? {} : { userType: current.role }),
      ...twin.create,
    }) as CreateUserInput,
  // Neither the user type nor the databases can change after create.
  differences: (current, twin) => [
    ...differ("user_type", current.role, twin.role),
    ...differ("databases", sorted(current.databases), sorted(twin.databases)),
  ],
};

const hostup: VendorFacts = {
  // Letters, digits and underscores, up to 64.
  twinName: (name) => `${name.slice(0, 59)}_twin`,
  scope: (users) => field(users, "accountId"),
  createInput: (name, _current, twin) => ({ name, ...twin.create }),
  // HostUp reports no privileges: the twin gets those the caller declares, and nothing can be compared.
  differences: () => [],
  async align(users, _current, twin, options, call) {
    const extras = users as unknown as HostUpExtras;
    for (const [database, privileges] of Object.entries(options.privileges ?? {})) {
      await extras.grantPrivileges(twin.name, database, privileges, call);
    }
  },
};

/** Any other vendor: the common attributes only. */
const common: VendorFacts = {
  twinName: (name) => `${name}_twin`,
  scope: () => "default",
  refusal: (current) => (current.protected ? `"${current.name}" is protected by the vendor` : undefined),
  createInput: (name, current, twin) => ({
    name,
    ...(current.readOnly === undefined ? {} : { readOnly: current.readOnly }),
    ...twin.create,
  }),
  differences: (current, twin) => [
    ...differ("read_only", current.readOnly, twin.readOnly),
    ...differ("databases", sorted(current.databases), sorted(twin.databases)),
  ],
};

const VENDORS: Readonly<Record<string, VendorFacts>> = { digitalocean, scalingo, cloud66, hostup };

export function vendorFacts(provider: string): VendorFacts {
  return Object.hasOwn(VENDORS, provider) ? (VENDORS[provider] as VendorFacts) : common;
}
