#!/usr/bin/env node
// The `dbusers` executable. Exit codes: 0 done, 1 failed, 2 usage, 3 plan --detailed-exitcode changes.
import { main } from "./program.ts";

process.exitCode = await main(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
