// `node tools/redis/with-redis.ts <command> [args…]`: runs the command with a Redis of its own, its URL
// in DBUSERS_TEST_REDIS_URL (turbo passes it through to the tests), stopped by its pid whatever happens
// (with-server.ts). With DBUSERS_TEST_REDIS_URL already set, the command runs against that server instead.
import { runWithServer } from "../with-server.ts";
import { startRedis } from "./server.ts";
import { REDIS_URL_VARIABLE } from "./variable.ts";

await runWithServer(
  {
    name: "with-redis",
    variable: REDIS_URL_VARIABLE,
    start: () => startRedis(),
    describe: ({ pid, timings: { installSeconds, startSeconds } }) =>
      `Redis for the tests (pid ${pid}): install ${installSeconds} s, start ${startSeconds} s`,
  },
  process.argv.slice(2),
);
