// Progress for long work (bulk apply, Cloud 66 waits, rotation): a spinner on stderr, only when stderr is
// a terminal and the output is the table; JSON and YAML runs print nothing but the document.
import yoctoSpinner from "yocto-spinner";
import type { Context } from "./context.ts";

export interface Progress {
  update(text: string): void;
  done(text: string): void;
  fail(text: string): void;
}

const SILENT: Progress = { update() {}, done() {}, fail() {} };

export function startProgress(context: Context, text: string): Progress {
  if (context.output !== "table" || context.stderr.isTTY !== true) return SILENT;
  const spinner = yoctoSpinner({ text, stream: context.stderr }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    done: (last) => void spinner.success(last),
    fail: (last) => void spinner.error(last),
  };
}

/** Runs `work` with a spinner saying `text` (Cloud 66's mutations wait for the vendor's action to finish). */
export async function withProgress<T>(context: Context, text: string, work: () => Promise<T>): Promise<T> {
  const progress = startProgress(context, text);
  try {
    const result = await work();
    progress.done(`${text}: done`);
    return result;
  } catch (error) {
    progress.fail(`${text}: failed`);
    throw error;
  }
}
