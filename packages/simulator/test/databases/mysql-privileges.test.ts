// Privileges granted by name on one database (HostUp's API), against the MariaDB of `pnpm test`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlUrl } from "../../../../tools/mariadb/mysql-url.ts";
import { connectMysql } from "../../src/databases/mysql.ts";
import type { DatabaseServer, MysqlCluster } from "../../src/index.ts";
import { asUser, codeOf, mysqlDriver } from "./sessions.ts";

describe("MySQL privileges on a database", () => {
  let server: DatabaseServer<MysqlCluster>;
  let cluster: MysqlCluster;
  const as = (name: string, sql: string, database = "shop") =>
    asUser(mysqlDriver, cluster.connection(name, database), `${name}-password`, sql);

  beforeAll(async () => {
    server = await connectMysql(mysqlUrl());
    cluster = await server.createCluster({ database: "shop" });
    await cluster.createDatabase("shop_archive");
    await cluster.createDatabase("shopXarchive");
    const admin = await mysqlDriver.admin(mysqlUrl(), cluster.connection("x", "shop").database);
    await admin.query("CREATE TABLE orders (id INT)");
    await admin.query("INSERT INTO orders VALUES (1)");
    await admin.end();
  });
  afterAll(async () => {
    await cluster.drop();
    await server.close();
  });

  it("grants what is asked for, and no more; revokes one privilege and keeps the others", async () => {
    await cluster.createUser("clerk", "clerk-password");
    await cluster.grantPrivileges("clerk", "shop", ["SELECT", "insert"]);
    await as("clerk", "INSERT INTO orders VALUES (2)");
    expect(await as("clerk", "SELECT COUNT(*) AS n FROM orders")).toEqual([{ n: 2 }]);
    expect(await codeOf(as("clerk", "DELETE FROM orders"))).toBe(mysqlDriver.denied);

    await cluster.revokePrivileges("clerk", "shop", ["INSERT"]);
    expect(await codeOf(as("clerk", "INSERT INTO orders VALUES (3)"))).toBe(mysqlDriver.denied);
    expect(await as("clerk", "SELECT COUNT(*) AS n FROM orders")).toEqual([{ n: 2 }]);
  });

  it("accepts the server's multi-word names and `ALL`, in any case", async () => {
    await cluster.createUser("owner", "owner-password");
    await cluster.grantPrivileges("owner", "shop", ["all"]);
    await as("owner", "CREATE TABLE returns (id INT)");
    await as("owner", "DROP TABLE returns");
    await cluster.revokePrivileges("owner", "shop", ["ALL PRIVILEGES"]);
    await cluster.grantPrivileges("owner", "shop", ["create temporary tables", "Show  View", "SELECT"]);
    await as("owner", "SELECT id FROM orders");
    expect(await codeOf(as("owner", "CREATE TABLE returns (id INT)"))).toBe(mysqlDriver.denied);
  });

  it("refuses a name the server does not know, granting nothing of the list", async () => {
    await cluster.createUser("intruder", "intruder-password");
    for (const privileges of [["SELECT", "FLY"], ["SELECT ON *.* TO 'intruder'@'%'; --"], ["select`"], []]) {
      expect(await codeOf(cluster.grantPrivileges("intruder", "shop", privileges))).toBe("unknown_privilege");
    }
    expect(await codeOf(cluster.revokePrivileges("intruder", "shop", ["NAP"]))).toBe("unknown_privilege");
    expect(await codeOf(as("intruder", "SELECT id FROM orders"))).toBe("ER_DBACCESS_DENIED_ERROR");
  });

  it("leaves it to the server to refuse a privilege that is not a database's", async () => {
    await cluster.createUser("admin-ish", "admin-ish-password");
    const error = await cluster.grantPrivileges("admin-ish", "shop", ["SUPER"]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "failed", serverCode: "ER_WRONG_USAGE" });
  });

  it("grants on the database named, not on others its name matches as a pattern", async () => {
    await cluster.createUser("archivist", "archivist-password");
    await cluster.grantPrivileges("archivist", "shop_archive", ["SELECT"]);
    expect(await as("archivist", "SELECT 1 AS one", "shop_archive")).toEqual([{ one: 1 }]);
    expect(await codeOf(as("archivist", "SELECT 1 AS one", "shopXarchive"))).toBe("ER_DBACCESS_DENIED_ERROR");
  });

  it("revokes what was never granted without complaint", async () => {
    await cluster.createUser("newcomer", "newcomer-password");
    await cluster.revokePrivileges("newcomer", "shop", ["SELECT", "UPDATE"]);
    expect(await codeOf(as("newcomer", "SELECT id FROM orders"))).toBe("ER_DBACCESS_DENIED_ERROR");
  });
});
