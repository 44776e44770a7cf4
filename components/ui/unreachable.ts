/**
 * What every form and button says when its server action cannot reach the console (the network is down,
 * the server restarting): one sentence everywhere, naming what did not happen when something was asked.
 */
export function consoleUnreachable(notDone?: string): string {
  return notDone ? `The console could not be reached: ${notDone}. Try again.` : "The console could not be reached. Try again.";
}
