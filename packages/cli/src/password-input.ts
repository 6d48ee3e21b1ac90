import type { Context } from "./context.ts";
import { UsageError } from "./usage-error.ts";

/** The password piped on stdin, without its final newline; 4 KiB at most. */
export async function readPasswordFromStdin(context: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of context.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 4096) throw new UsageError("--password-stdin: more than 4 KiB on stdin");
    chunks.push(buffer);
  }
  const password = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (password === "") throw new UsageError("--password-stdin: stdin was empty");
  return password;
}
