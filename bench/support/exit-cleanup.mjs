// Whatever a bench starts must not outlive it: a normal end, an error, Ctrl-C or SIGTERM.
const onExit = new Set();
let installed = false;

/** Runs `kill` (synchronous) when this process exits, however it exits; returns a function that cancels it. */
export function killOnExit(kill) {
  if (!installed) {
    installed = true;
    process.on('exit', () => {
      for (const run of onExit) run();
    });
    // Without these, a signal ends Node without running 'exit' handlers.
    process.on('SIGINT', () => process.exit(130));
    process.on('SIGTERM', () => process.exit(143));
  }
  onExit.add(kill);
  return () => onExit.delete(kill);
}
