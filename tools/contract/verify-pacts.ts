// Check 2 of `pnpm contract`: Pact provider verification replays every recorded interaction against
// the simulator, after building the interaction's provider states in it. The simulator validates its
// own requests and responses against the spec, which closes the triangle client ⇄ spec ⇄ provider.
import { type Simulator, startSimulator } from "@dbusers/simulator";
import { Verifier } from "@pact-foundation/pact";

/** What a client package exports from test/contract/provider-states.ts. */
export interface ProviderStatesModule {
  providerBaseUrl(sim: Simulator): string;
  tokens: Record<string, readonly string[]>;
  stateHandlers(sim: Simulator): Record<string, (params?: unknown) => Promise<void>>;
}

export async function verifyPacts(pactFiles: string[], states: ProviderStatesModule): Promise<void> {
  const sim = await startSimulator({ seed: "empty", tokens: states.tokens, logger: false });
  try {
    const handlers = states.stateHandlers(sim);
    await new Verifier({
      provider: "dbusers-simulator",
      providerBaseUrl: states.providerBaseUrl(sim),
      pactUrls: pactFiles,
      logLevel: "warn",
      // Runs once per interaction, before its first state handler: every interaction starts from nothing.
      beforeEach: async () => sim.reset(),
      stateHandlers: Object.fromEntries(
        Object.entries(handlers).map(([state, handler]) => [state, (params?: unknown) => handler(params)]),
      ),
    }).verifyProvider();
    if (sim.violations.length > 0) {
      const list = sim.violations.map((v) => `- ${JSON.stringify(v)}`).join("\n");
      throw new Error(`the simulator broke its own spec while replaying the pacts:\n${list}`);
    }
  } finally {
    await sim.close();
  }
}
