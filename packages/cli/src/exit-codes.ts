/** The exit codes of `dbusers`, documented in the README. */
export const EXIT: Readonly<{ done: 0; failed: 1; usage: 2; changes: 3 }> = Object.freeze({
  /** Done: everything asked was carried out (or, for plan, nothing differs). */
  done: 0,
  /** Failed: a vendor refused, the answer was lost (outcome unknown), or a change of apply failed. */
  failed: 1,
  /** Usage: a bad flag, configuration or users.yaml; nothing was sent. */
  usage: 2,
  /** `plan --detailed-exitcode` only: the plan has changes or drift. */
  changes: 3,
});

export type ExitCode = 0 | 1 | 2 | 3;
