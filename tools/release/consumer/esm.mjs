// A consumer's ES module: the packages by name, as another team's service imports them, through their
// ES module builds. Prints the scenario's report (scenario.cjs) as JSON on stdout.
import * as client from "@dbusers/client-digitalocean";
import * as sdk from "@dbusers/sdk";
import * as simulator from "@dbusers/simulator";
import scenario from "./scenario.cjs";

const resolved = Object.fromEntries(
  ["@dbusers/sdk", "@dbusers/client-digitalocean", "@dbusers/simulator"].map((name) => [
    name,
    import.meta.resolve(name),
  ]),
);
console.log(JSON.stringify(await scenario.run({ format: "esm", sdk, client, simulator, resolved })));
