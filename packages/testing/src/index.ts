export { capturingLogger, type LogLine } from "./capturing-logger.ts";
export { describeDatabaseUsers } from "./conformance/describe-database-users.ts";
export type {
  AdapterOverrides,
  ConformanceFixture,
  ConformanceOperations,
  ConformanceScope,
  ListCorruptions,
} from "./conformance/fixture.ts";
export { ConformanceMatrixReporter } from "./conformance/matrix-reporter.ts";
export {
  type DigitalOceanAdapterOptions,
  type DigitalOceanFixtureOptions,
  digitalOceanFixture,
  digitalOceanInputs,
} from "./fixtures/digitalocean.ts";
export { mixedUnits, stringOf, TRICKY_CHARACTERS } from "./properties/arbitraries.ts";
export { describeInputProperties, type InputArbitraries } from "./properties/input-properties.ts";
export {
  type AnswerRewrite,
  type RecordingFetch,
  recordingFetch,
  type SentRequest,
} from "./recording-fetch.ts";
export { rejectionOf } from "./rejection.ts";
export { describeFaultMatrix, FAULTS } from "./reliability/fault-matrix.ts";
export { expectNoLeak, renderings } from "./secrets.ts";
export { type HandledRequest, handledOf, startTestSimulator, type TestSimulator } from "./test-simulator.ts";
