import type { Logger } from "@dbusers/core";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  meta: Record<string, unknown> | undefined;
}

/** A logger with every level, keeping what it is given, for tests that look for leaks or lines. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (message: string, meta?: Record<string, unknown>) => {
    lines.push({ level, message, meta });
  };
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}
