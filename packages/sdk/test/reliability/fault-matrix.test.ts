import { describeFaultMatrix } from "@dbusers/testing";
import { facadeFixtures } from "../facade-fixtures.ts";

// Every operation of every vendor, through the facade, under every fault the simulator injects.
await describeFaultMatrix(facadeFixtures().map(({ fixture }) => fixture));
