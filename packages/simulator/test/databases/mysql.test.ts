import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { connectMysql } from "../../src/databases/mysql.ts";
import { describeBackend } from "./backend-suite.ts";
import { mysqlDriver } from "./sessions.ts";

describeBackend(mysqlDriver, async () => {
  const server = await connectMysql(mysqlUrl());
  return { server, adminUrl: mysqlUrl(), close: () => server.close() };
});
