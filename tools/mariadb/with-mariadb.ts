// `node tools/mariadb/with-mariadb.ts <command> [args…]`: runs the command with a MariaDB of its own,
// its admin URL in DBUSERS_TEST_MYSQL_URL (turbo passes it through to the tests), stopped by its pid
// whatever happens (with-server.ts). With DBUSERS_TEST_MYSQL_URL already set, the command runs against
// that server instead.
import { runWithServer } from "../with-server.ts";
import { startMariaDb } from "./server.ts";
import { MYSQL_URL_VARIABLE } from "./variable.ts";

await runWithServer(
  {
    name: "with-mariadb",
    variable: MYSQL_URL_VARIABLE,
    start: startMariaDb,
    describe: ({ pid, timings: { installSeconds, initSeconds, startSeconds } }) =>
      `MariaDB for the tests (pid ${pid}): install ${installSeconds} s, init ${initSeconds} s, start ${startSeconds} s`,
  },
  process.argv.slice(2),
);
