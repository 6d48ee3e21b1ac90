import packageJson from "../package.json" with { type: "json" };

/** This package's version, as published; part of the default `user-agent`. */
export const VERSION: string = packageJson.version;
