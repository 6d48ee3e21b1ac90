// For tests: the admin URL of the MariaDB that `pnpm test` started, or that this package's own test run
// started (vitest-global-setup.ts, which every package whose tests need MySQL lists in its vitest.config).
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    mysqlUrl: string;
  }
}

export function mysqlUrl(): string {
  return inject("mysqlUrl");
}
