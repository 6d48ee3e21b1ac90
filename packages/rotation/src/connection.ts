import type { Secret } from "@dbusers/core";

/** Where one user logs in, without its password (a `pg` or `mysql2` connection's fields). */
export interface LoginTarget {
  host: string;
  port?: number;
  database?: string;
  /** The login name; default the vendor user's name. */
  user?: string;
  /** Passed to the driver as it is (`pg`'s and `mysql2`'s `ssl` option). */
  ssl?: unknown;
}

/** A fixed server, or where each vendor user logs in (a proxy or a simulator may rename logins). */
export type LoginTargets = LoginTarget | ((username: string) => LoginTarget | Promise<LoginTarget>);

/** An administrator's login, for the grant helpers: a user that may grant what the credential holds. */
export interface AdminLogin extends LoginTarget {
  user: string;
  password: string | Secret;
}

export async function targetOf(
  targets: LoginTargets,
  username: string,
): Promise<LoginTarget & { user: string }> {
  const target = typeof targets === "function" ? await targets(username) : targets;
  return { ...target, user: target.user ?? username };
}

export function revealed(password: string | Secret): string {
  return typeof password === "string" ? password : password.reveal();
}

/** Imports an optional peer dependency, or says which package to install. */
export async function loadDriver<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" ||
      (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND"
    ) {
      throw new Error(`@dbusers/rotation: this helper needs the ${name} package (npm install ${name})`, {
        cause: error,
      });
    }
    throw error;
  }
}
