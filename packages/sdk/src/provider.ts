import { ValidationError } from "@dbusers/core";

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
 * The facade's factory for one vendor: checks `provider`, then hands the rest of the config to the
 * vendor's own factory.
 */
export function providerFactory<P extends string, O, U>(
  provider: P,
  create: (options: O) => U,
): (config: { provider: P } & O) => U {
  return (config) => {
    const { provider: _provider, ...options } = expectProvider<{ provider: string }>(config, provider);
    return create(options as O);
  };
}
