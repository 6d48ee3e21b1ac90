// A vitest globalSetup for the packages whose tests need MySQL: the server `pnpm test` started
// (with-mariadb.ts), or, when a package's tests run on their own, one started here for the run.
// Tests read its URL with `mysqlUrl()` (mysql-url.ts).
import type { TestProject } from "vitest/node";
import type {} from "./mysql-url.ts"; // the `mysqlUrl` it provides
import { startMariaDb } from "./server.ts";
import { MYSQL_URL_VARIABLE } from "./variable.ts";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env[MYSQL_URL_VARIABLE];
  if (given) {
    project.provide("mysqlUrl", given);
    return undefined;
  }
  const mariadb = await startMariaDb();
  project.provide("mysqlUrl", mariadb.url);
  return () => mariadb.stop();
}
