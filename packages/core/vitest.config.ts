import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The suite keeps no global state between files (fake timers and spies are restored after each
      // test), so one worker can run every file: a worker per file would triple the run time on CI's
      // two cores for nothing.
      isolate: false,
    },
  }),
);
