import { ValidationError } from "@dbusers/core";

/**
 * The config, once its `provider` is checked: a caller without types (JavaScript, a config file) gets a
 * `ValidationError` naming the field, not a `TypeError` from deep inside a client.
 */
export function expectProvider<C extends { provider: string }>(config: C, provider: C["provider"]): C {
  if (typeof config !== "object" || config === null || config.provider !== provider) {
    const given = typeof config === "object" && config !== null ? String(config.provider) : typeof config;
    throw new ValidationError(`dbusers: provider must be "${provider}", got ${JSON.stringify(given)}`, {
      provider,
      issues: [{ path: "provider", message: `must be "${provider}"` }],
    });
  }
  return config;
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
