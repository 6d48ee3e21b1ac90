import { inject } from "vitest";

// Provided by tools/mariadb/vitest-global-setup.ts (see vitest.config.ts).
declare module "vitest" {
  export interface ProvidedContext {
    mysqlUrl: string;
  }
}

/** The admin URL of the MariaDB that `pnpm test` (or this package's test run) started. */
export function mysqlUrl(): string {
  return inject("mysqlUrl");
}
