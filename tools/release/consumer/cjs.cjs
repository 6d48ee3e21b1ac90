// A consumer's CommonJS module: the same scenario as esm.mjs, through `require`, so through the
// packages' CommonJS builds. Prints the scenario's report (scenario.cjs) as JSON on stdout.
const sdk = require("@dbusers/sdk");
const client = require("@dbusers/client-digitalocean");
const simulator = require("@dbusers/simulator");
const scenario = require("./scenario.cjs");

const resolved = Object.fromEntries(
  ["@dbusers/sdk", "@dbusers/client-digitalocean", "@dbusers/simulator"].map((name) => [
    name,
    require.resolve(name),
  ]),
);
scenario.run({ format: "cjs", sdk, client, simulator, resolved }).then(
  (report) => console.log(JSON.stringify(report)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
