export { RealClusters } from "./databases/real-clusters.ts";
export {
  type ClusterOptions,
  type DatabaseAccess,
  DatabaseBackendError,
  type DatabaseCluster,
  type DatabaseConnection,
  type DatabaseEngine,
  type DatabaseFailureKind,
  type DatabaseServer,
  type DatabaseServers,
  type DatabasesOption,
  type MysqlCluster,
  type PostgresCluster,
  type RealCluster,
} from "./databases/types.ts";
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
