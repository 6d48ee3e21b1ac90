import type { IncomingHttpHeaders } from "node:http";
import type { Operation } from "openapi-backend";
import { bearerCredentials } from "./credentials.ts";
import type { LoadedSpec } from "./spec.ts";
import type { VendorModule } from "./types.ts";

/** One alternative of an OpenAPI `security` list: security scheme name → scopes (roles). */
type SecurityRequirement = Record<string, string[]>;

export interface AuthenticatorOptions {
  module: VendorModule;
  spec: LoadedSpec;
  /** The static credentials and their scopes (`startSimulator({ tokens })` plus the default token). */
  tokens: ReadonlyMap<string, readonly string[]>;
}

/**
 * Authentication for one vendor: reads a request's credential the way the operation's security
 * schemes say (the module's `credentials`), maps it to scopes (the module's `authenticate` hook, then
 * the static tokens) and checks the scopes the operation requires.
 */
export class Authenticator {
  readonly #o: AuthenticatorOptions;

  constructor(options: AuthenticatorOptions) {
    this.#o = options;
    const readers = options.module.credentials;
    if (readers === undefined || typeof readers === "function") return;
    // A spec scheme without a reader would make its operations refuse every request: say so at start.
    for (const operation of options.spec.backend.router.getOperations()) {
      for (const scheme of schemesOf(this.#requirements(operation))) {
        if (readers[scheme] === undefined) {
          throw new Error(
            `@dbusers/simulator: vendor ${options.module.name} has no credential reader for the security scheme ${scheme} of ${operation.operationId}`,
          );
        }
      }
    }
  }

  /**
   * The request's credential for `operation`: read by the reader of each scheme its security requirement
   * names, first found wins. Without an operation (or a requirement), any scheme the module reads.
   */
  credential(operation: Operation | undefined, headers: IncomingHttpHeaders): string | undefined {
    const readers = this.#o.module.credentials ?? bearerCredentials;
    if (typeof readers === "function") return readers(headers);
    const named = operation === undefined ? [] : schemesOf(this.#requirements(operation));
    for (const scheme of named.length > 0 ? named : Object.keys(readers)) {
      const credential = readers[scheme]?.(headers);
      if (credential !== undefined) return credential;
    }
    return undefined;
  }

  /** The credential's scopes, or throws 401 (unknown credential) / 403 (missing scope) in the vendor's format. */
  authorize(operation: Operation, credential: string | undefined): readonly string[] {
    const { module } = this.#o;
    const requirements = this.#requirements(operation);
    const scopes = credential === undefined ? undefined : this.#scopes(operation, credential);
    if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) {
      return scopes ?? [];
    }
    if (scopes === undefined) throw module.frameworkError("unauthorized");
    const fallback = module.defaultScopes?.[operation.operationId ?? ""] ?? [];
    const allowed = requirements.some((requirement) => {
      const needed = Object.values(requirement).flat();
      const required = needed.length > 0 ? needed : fallback;
      return required.every((scope) => scopes.includes("*") || scopes.includes(scope));
    });
    if (!allowed) throw module.frameworkError("forbidden");
    return scopes;
  }

  /** Minted credentials first (the module's hook), then the static ones. */
  #scopes(operation: Operation, credential: string): readonly string[] | undefined {
    const { module, tokens } = this.#o;
    const context = { operationId: operation.operationId ?? "", tokens };
    return module.authenticate?.(credential, context) ?? tokens.get(credential);
  }

  #requirements(operation: Operation): SecurityRequirement[] {
    return (operation.security ?? this.#o.spec.document.security ?? []) as SecurityRequirement[];
  }
}

function schemesOf(requirements: SecurityRequirement[]): string[] {
  return [...new Set(requirements.flatMap((requirement) => Object.keys(requirement)))];
}
