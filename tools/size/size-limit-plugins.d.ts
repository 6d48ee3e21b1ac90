// size-limit's plugins ship no types. Each module is a list of plugin objects, which `sizeLimit()` takes
// flattened; its own declaration calls them functions, so they are declared the way it takes them.
declare module "@size-limit/file" {
  const plugin: (...args: unknown[]) => unknown;
  export default plugin;
}
declare module "@size-limit/esbuild" {
  const plugin: (...args: unknown[]) => unknown;
  export default plugin;
}
