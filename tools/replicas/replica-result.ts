import type { RateWindow } from "@dbusers/core";
import type { DatabaseUsersConfig } from "@dbusers/sdk";

/** What the parent asks of one replica. */
export interface ReplicaTask {
  provider: DatabaseUsersConfig["provider"];
  replica: number;
  operations: number;
  /** The client's configuration on the simulator (no functions: it crosses a process boundary). */
  config: DatabaseUsersConfig;
  /** The vendor's windows at the simulator's time scale. */
  windows: RateWindow[];
  /** With it, the quota and locks are shared on this Redis; without, each replica is on its own. */
  redisUrl?: string;
  prefix: string;
}

/** What one replica saw. */
export interface ReplicaResult {
  /** Users it created and left in place, and those it created and deleted. */
  kept: string[];
  deleted: string[];
  /** Operations that failed, with their error. */
  failures: string[];
  /** Every answer: when, and whether it was the vendor's throttling answer. */
  answers: Array<{ at: number; throttled: boolean }>;
  warnings: string[];
}
