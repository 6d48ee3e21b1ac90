// For tests: the URL of the Redis that `pnpm test` started, or that this package's own test run started
// (vitest-global-setup.ts, which every package whose tests need Redis lists in its vitest.config).
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export function redisUrl(): string {
  return inject("redisUrl");
}
