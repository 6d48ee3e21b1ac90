import { ValidationError, type ValidationIssue } from "@dbusers/core";
import { throwIfInvalid } from "@dbusers/core/adapter";

/**
 * The config, once its `provider` is checked: a caller without types (JavaScript, a config file) gets a
 * `ValidationError` naming the field, not a `TypeError` from deep inside a client.
 */
export function expectProvider<C extends { provider: string }>(config: C, provider: C["provider"]): C {
  if (typeof config !== "object" || config === null || config.provider !== provider) {
    const given =
      typeof config === "object" && config !== null ? describeGiven(config.provider) : typeof config;
    throw new ValidationError(`dbusers: provider must be "${provider}", got ${given}`, {
      provider,
      issues: [{ path: "provider", message: `must be "${provider}"` }],
    });
  }
  return config;
}

/**
 * What a caller gave for a provider name, for a message: a string quoted and cut short (it may be
 * anything a caller passed, though no secret), anything else by its type. Never `String(value)`, which
 * throws for an object without a prototype and calls the caller's own `toString`.
 */
export function describeGiven(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (value === undefined) return "nothing";
  return value === null ? "null" : `a value of type ${typeof value}`;
}

/**
 * Each vendor's own config fields (the options every client takes aside). A field of another vendor is
 * refused at run time as the config types refuse it at compile time: `{ provider: "hostup", clusterId }`
 * from JavaScript or a config file would otherwise be accepted and the cluster id silently ignored.
 * test/types/config.test.ts keeps each list equal to its vendor's options type.
 */
export const VENDOR_FIELDS = {
  digitalocean: ["token", "clusterId", "engine"],
  scalingo: [
    "apiToken",
    "appId",
    "addonId",
    "region",
    "authUrl",
    "apiUrl",
    "dbApiUrl",
    "routing",
    "token",
    "databaseId",
  ],
  cloud66: ["token", "stackId", "serverGroupId", "pageConcurrency", "wait"],
  hostup: ["token", "accountId"],
} as const;

type VendorName = keyof typeof VENDOR_FIELDS;

/** The fields of `config` that belong to other vendors and not to `provider`, one issue each. */
export function checkForeignFields(config: object, provider: VendorName): ValidationIssue[] {
  const own: readonly string[] = VENDOR_FIELDS[provider];
  return Object.keys(config).flatMap((field) => {
    if (own.includes(field)) return [];
    const owners = Object.entries(VENDOR_FIELDS)
      .filter(([, fields]) => (fields as readonly string[]).includes(field))
      .map(([vendor]) => vendor);
    return owners.length === 0
      ? []
      : [{ path: field, message: `is not a ${provider} option (it is ${owners.join(" and ")}'s)` }];
  });
}

/**
 * The facade's factory for one vendor: checks `provider` and that no other vendor's field was given,
 * then hands the rest of the config to the vendor's own factory.
 */
export function providerFactory<P extends VendorName, O, U>(
  provider: P,
  create: (options: O) => U,
): (config: { provider: P } & O) => U {
  return (config) => {
    const { provider: _provider, ...options } = expectProvider<{ provider: string }>(config, provider);
    throwIfInvalid(checkForeignFields(options, provider), provider);
    return create(options as O);
  };
}
