// A consumer's CommonJS module: the same scenario as esm.mjs, through `require`, so through the
// packages' CommonJS builds. Prints the scenario's report (scenario.cjs) as JSON on stdout.
const client = require("@dbusers/client-digitalocean");
const simulator = require("@dbusers/simulator");
const scenario = require("./scenario.cjs");

const resolved = {
  client: require.resolve("@dbusers/client-digitalocean"),
  simulator: require.resolve("@dbusers/simulator"),
};
scenario.run({ format: "cjs", client, simulator, resolved }).then(
  (report) => console.log(JSON.stringify(report)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
