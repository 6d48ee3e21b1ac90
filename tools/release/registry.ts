// A throwaway npm registry for tools/test/release.test.ts: starts tools/release/verdaccio.ts as a child
// process and speaks the registry's HTTP API (users, publishing a tarball, reading a package). Publishing
// is npm's own code (libnpmpublish, what `npm publish` runs); the two plain reads and writes are fetches.
import { fork } from "node:child_process";
import libnpmpublish from "libnpmpublish";
import { fromRoot } from "../specs.ts";

/** The fields of a package.json the registry needs; the rest is published as it is. */
export interface Manifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

export interface Registry {
  /** `http://127.0.0.1:<port>/`, with its trailing slash, as npm writes registry URLs. */
  readonly url: string;
  /** Creates a user (`PUT /-/user/org.couchdb.user:<name>`) and returns its token. */
  addUser(name: string, password: string): Promise<string>;
  /** Publishes a tarball as `npm publish` does (one PUT of the manifest with the tarball attached). */
  publishTarball(manifest: Manifest, tarball: Buffer, token: string): Promise<void>;
  /** The registry's document for a package (its "packument"): every version's published manifest. */
  packument(name: string): Promise<{ versions: Record<string, Manifest & { dist: Dist }> }>;
  /** Stops the server and waits for its process to end. */
  stop(): Promise<void>;
}

export interface Dist {
  integrity: string;
  shasum: string;
  tarball: string;
}

const STARTUP_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Starts verdaccio with its configuration, storage and users in `dir` (which must exist) and resolves
 * once it listens. `env` is the child's environment.
 */
export function startRegistry(dir: string, env: NodeJS.ProcessEnv): Promise<Registry> {
  const child = fork(fromRoot("tools/release/verdaccio.ts"), [dir], {
    env,
    execPath: process.execPath,
    execArgv: [], // not the test runner's (vitest's `--conditions development` and its --require hooks)
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    }
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`verdaccio did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited (${code ?? signal}) before listening:\n${output}`));
    });
    child.once("message", (message: { url: string }) => {
      clearTimeout(timer);
      resolve(registryAt(message.url, stop, () => output));
    });
  });
}

function registryAt(url: string, stop: () => Promise<void>, log: () => string): Registry {
  /** A request that must succeed; the answer's body and the server's log are in the error if not. */
  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `${method} ${url}${path} answered ${response.status}: ${text}\n--- verdaccio\n${log()}`,
      );
    }
    return JSON.parse(text);
  }
  const escaped = (name: string) => name.replace("/", "%2f");

  return {
    url,
    stop,
    async addUser(name, password) {
      const answer = (await request("PUT", `-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        name,
        password,
      })) as { token: string };
      return answer.token;
    },
    async publishTarball(manifest, tarball, token) {
      try {
        await libnpmpublish.publish(manifest, tarball, {
          registry: url,
          forceAuth: { token },
          timeout: REQUEST_TIMEOUT_MS,
        });
      } catch (error) {
        const { name, version } = manifest;
        throw new Error(`publishing ${name}@${version}: ${error}\n--- verdaccio\n${log()}`, { cause: error });
      }
    },
    async packument(name) {
      return (await request("GET", escaped(name))) as Awaited<ReturnType<Registry["packument"]>>;
    },
  };
}
