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
export { INVALID_OPERATION_OPTIONS } from "./conformance/operation-options.ts";
export {
  type Cloud66AdapterOptions,
  type Cloud66FixtureOptions,
  cloud66Fixture,
  cloud66Inputs,
} from "./fixtures/cloud66.ts";
export {
  type DigitalOceanAdapterOptions,
  type DigitalOceanFixtureOptions,
  digitalOceanFixture,
  digitalOceanInputs,
} from "./fixtures/digitalocean.ts";
export {
  type HostUpAdapterOptions,
  type HostUpFixtureOptions,
  hostUpFixture,
  hostUpInputs,
} from "./fixtures/hostup.ts";
export {
  type ScalingoAdapterOptions,
  type ScalingoFixtureOptions,
  scalingoFixture,
  scalingoInputs,
} from "./fixtures/scalingo.ts";
export { mixedUnits, segmentBreakingName, stringOf, TRICKY_CHARACTERS } from "./properties/arbitraries.ts";
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
export { textTable } from "./text-table.ts";
