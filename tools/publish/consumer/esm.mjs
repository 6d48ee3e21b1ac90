// A consumer's ES module: the packages by name, as another team's service imports them, through their
// ES module builds. Prints the scenario's report (scenario.cjs) as JSON on stdout.
import * as client from "@dbusers/client-digitalocean";
import * as simulator from "@dbusers/simulator";
import scenario from "./scenario.cjs";

const resolved = {
  client: import.meta.resolve("@dbusers/client-digitalocean"),
  simulator: import.meta.resolve("@dbusers/simulator"),
};
console.log(JSON.stringify(await scenario.run({ format: "esm", client, simulator, resolved })));
