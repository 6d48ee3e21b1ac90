// One simulator with both real servers for a test file: started before its tests, checked for contract
// violations after each, closed (its databases dropped) after all.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { type Simulator, startSimulator } from "../../src/index.ts";

/** The file's simulator, to read inside its tests (it is started by `beforeAll`). */
export function realDatabasesSimulator(): { readonly sim: Simulator } {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ logger: false, databases: { postgres: "embedded", mysql: mysqlUrl() } });
  });
  afterEach(() => {
    expect(sim?.violations).toEqual([]);
  });
  afterAll(() => sim?.close());
  return {
    get sim(): Simulator {
      if (!sim) throw new Error("the simulator starts in beforeAll");
      return sim;
    },
  };
}
