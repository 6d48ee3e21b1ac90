export {
  basicCredentials,
  bearerCredentials,
  type CredentialReader,
  headerCredentials,
} from "./framework/credentials.ts";
export type { Fault, FaultFilter, FaultOptions, RandomFaultOptions } from "./framework/faults.ts";
export type { ResponseInfo, SimulatorDebug } from "./framework/pipeline.ts";
export {
  ApiError,
  type AuthenticationContext,
  type ContractViolation,
  type FrameworkErrorKind,
  type OperationContext,
  type OperationHandler,
  type RateLimitConfig,
  type RateLimitStatus,
  type ResponseBody,
  type SimulatorLogger,
  type SimulatorResponse,
  TextBody,
  type VendorInit,
  type VendorInstance,
  type VendorModule,
} from "./framework/types.ts";
export {
  DEFAULT_TOKEN,
  type Simulator,
  type SimulatorControls,
  type SimulatorOptions,
  type SimulatorSeed,
  type SimulatorUrls,
  startSimulator,
} from "./simulator.ts";
export {
  DIGITALOCEAN_DEMO_SEED,
  DIGITALOCEAN_ENGINES,
  DIGITALOCEAN_SCOPES,
  type DigitalOceanCluster,
  type DigitalOceanClusterInput,
  type DigitalOceanControl,
  type DigitalOceanEngine,
  type DigitalOceanKafkaAcl,
  type DigitalOceanMongoUserSettings,
  type DigitalOceanOpenSearchAcl,
  type DigitalOceanSeed,
  type DigitalOceanUser,
  type DigitalOceanUserInput,
  type DigitalOceanUserSettings,
  digitalocean,
  type MysqlAuthPlugin,
  PRIMARY_USER,
} from "./vendors/digitalocean/index.ts";
export { VENDORS } from "./vendors/index.ts";
export {
  SCALINGO_DEMO_SEED,
  SCALINGO_ENGINES,
  SCALINGO_TOKEN_LIFETIME_SECONDS,
  type ScalingoControl,
  type ScalingoDatabase,
  type ScalingoDatabaseInput,
  type ScalingoEngine,
  type ScalingoSeed,
  type ScalingoUser,
  type ScalingoUserInput,
  type ScalingoUserShape,
  scalingo,
} from "./vendors/scalingo/index.ts";
