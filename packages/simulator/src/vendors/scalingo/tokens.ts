// The short-lived tokens Scalingo mints: the bearer that `token_exchange` trades for an API token, and
// the database token that `addon_token` trades for a bearer. Both are one-hour JWTs.
//
// The framework's `authenticate` hook belongs to the module, not to one simulator, so a token carries
// everything needed to accept it (its kind, its expiry, a digest of the API token it stems from), signed
// so that it cannot be edited. What only the simulator that minted it knows (the tokens expired by
// `expireTokens()`, which database an addon token opens) is checked by `TokenIssuer.check`.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { AuthenticationContext, OperationContext } from "../../framework/types.ts";
import { scalingoErrors } from "./errors.ts";

/** `bearer`: from `token_exchange`; `addon`: from `addon_token`, for one database. */
export type TokenKind = "bearer" | "addon";

/** The claims of a minted token. */
interface TokenClaims {
  kind: TokenKind;
  /** A digest of the API token it stems from (the token itself never travels inside another). */
  sub: string;
  /** The simulator that minted it, and the token's serial number there. */
  iss: string;
  jti: number;
  /** Issued at and expires at, in seconds since the epoch (JWT `iat`, `exp`). */
  iat: number;
  exp: number;
  /** Addon tokens: the database (addon) id they open. */
  addon?: string;
}

/** One hour, for both kinds ("Bearer tokens are only valid for an hour"; the addon token's too). */
export const TOKEN_LIFETIME_SECONDS = 3600;

// This process's signing key: a token cannot be edited, and no token outlives the process.
const KEY = randomBytes(32);
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

const sign = (content: string): string => createHmac("sha256", KEY).update(content).digest("base64url");

function encode(claims: TokenClaims): string {
  const content = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${content}.${sign(content)}`;
}

/** The claims of a token this process minted, or `undefined` for anything else (e.g. an API token). */
function decode(credential: string): TokenClaims | undefined {
  const [header, payload, signature, ...rest] = credential.split(".");
  if (header !== HEADER || payload === undefined || signature === undefined || rest.length > 0) {
    return undefined;
  }
  const expected = Buffer.from(sign(`${header}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
}

/** What a bearer or an addon token says about the API token it stems from. */
export function apiTokenDigest(apiToken: string): string {
  return createHash("sha256").update(apiToken).digest("hex").slice(0, 32);
}

/** Which minted tokens each operation takes (the spec's security schemes `bearer` and `addon_token`). */
const ACCEPTED: Readonly<Record<string, readonly TokenKind[]>> = {
  addon_token: ["bearer"],
  // On a `db-api` host with the addon token, on a regional API host with the bearer: the simulator
  // serves both routings on the same paths.
  database_list_users: ["addon", "bearer"],
  database_create_user: ["addon", "bearer"],
  database_update_user: ["addon", "bearer"],
  database_delete_user: ["addon", "bearer"],
  database_user_reset_password: ["addon", "bearer"],
};

/**
 * The module's `authenticate` hook: a minted token of a kind the operation takes, not expired, stands
 * for the API token it stems from (its scopes). Anything else is left to the static tokens.
 */
export function authenticateMinted(
  credential: string,
  { operationId, tokens }: AuthenticationContext,
): readonly string[] | undefined {
  const claims = decode(credential);
  if (!claims || claims.exp * 1000 <= Date.now() || !ACCEPTED[operationId]?.includes(claims.kind)) {
    return undefined;
  }
  for (const [apiToken, scopes] of tokens) {
    if (apiTokenDigest(apiToken) === claims.sub) return scopes;
  }
  return undefined;
}

/** Mints the tokens of one simulator, and says which of them it still honours. */
export class TokenIssuer {
  readonly #issuer = randomUUID();
  #serial = 0;
  #validFrom = 0;

  /** A one-hour token of `kind`, for the API token whose digest is `sub`. */
  mint(kind: TokenKind, sub: string, addon?: string): string {
    const iat = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      kind,
      sub,
      iss: this.#issuer,
      jti: this.#serial++,
      iat,
      exp: iat + TOKEN_LIFETIME_SECONDS,
    };
    return encode(addon === undefined ? claims : { ...claims, addon });
  }

  /** The digest of the API token behind a request's credential: an API token itself, or a minted one. */
  subjectOf(credential: string): string {
    return decode(credential)?.sub ?? apiTokenDigest(credential);
  }

  /** Every token minted so far is refused from now on, as if its hour had passed. */
  expireAll(): void {
    this.#validFrom = this.#serial;
  }

  /**
   * Throws the 401 of a minted token this simulator does not honour: one it did not mint, one expired
   * by `expireAll()`, or an addon token used for another database. Static tokens pass.
   */
  check(context: OperationContext): void {
    const claims = context.credential === undefined ? undefined : decode(context.credential);
    if (!claims) return;
    if (claims.iss !== this.#issuer || claims.jti < this.#validFrom) {
      throw scalingoErrors.unauthorized("The token is invalid or has expired");
    }
    const database = context.params.database_id;
    if (claims.kind === "addon" && database !== undefined && database !== claims.addon) {
      throw scalingoErrors.unauthorized("The token is not valid for this database");
    }
  }
}
