// Errors as the transport hands them to a mutation, and a scope to run mutations in.

import { type Mutations, mutationsOf as mutationsIn } from "../../src/adapter.ts";
import { annotateError } from "../../src/errors.ts";
import {
  type DatabaseUser,
  type DatabaseUsersError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from "../../src/index.ts";

export const provider = "testvendor";

/** The mutations of one cluster, with a client's deadline. */
export function mutationsOf(deadlineMs = 10_000): Mutations {
  return mutationsIn(provider, "cluster-1", { deadlineMs });
}

const sent = (mayHaveApplied: boolean) => ({ attempts: 1, totalRetryDelayMs: 0, mayHaveApplied });

/** A 502 to a request: the vendor may have carried it out. */
export const lostAnswer = (): DatabaseUsersError =>
  annotateError(new UnavailableError(`${provider} answered 502: bad gateway`, { provider, status: 502 }), {
    $metadata: sent(true),
  });

/** A connection refused at every attempt: nothing left this machine. */
export const refused = (): DatabaseUsersError =>
  annotateError(new UnavailableError(`${provider}: could not reach the API`, { provider }), {
    $metadata: sent(false),
  });

/** A 422 refusal. */
export const refusal = (message = "name is invalid"): DatabaseUsersError =>
  annotateError(new ValidationError(`${provider} answered 422: ${message}`, { provider, status: 422 }), {
    $metadata: sent(false),
  });

export const notFound = (): DatabaseUsersError =>
  annotateError(new NotFoundError(`${provider} answered 404`, { provider, status: 404 }), {
    $metadata: sent(false),
  });

export const user = (name: string, extra: Partial<DatabaseUser> = {}): DatabaseUser => ({
  provider,
  id: name,
  name,
  raw: {},
  ...extra,
});
