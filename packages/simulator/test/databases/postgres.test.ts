import { startEmbeddedPostgres } from "../../src/databases/embedded-postgres.ts";
import { connectPostgres } from "../../src/databases/postgres.ts";
import { describeBackend } from "./backend-suite.ts";
import { postgresDriver } from "./sessions.ts";

describeBackend(postgresDriver, async () => {
  const embedded = await startEmbeddedPostgres();
  const server = await connectPostgres(embedded.url);
  return {
    server,
    adminUrl: embedded.url,
    close: async () => {
      await server.close();
      await embedded.stop();
    },
  };
});
