// Modules that hold process state (the database client, the availability probe, throttles, the
// configuration) must exist once per process, or each copy keeps its own state and nobody notices. Next.js
// and server.ts load them from one package (scripts/server-package.mjs) and the linter keeps pages from
// importing them another way; this is the check at run time: each such module registers itself when it is
// evaluated, and a second copy says so in the log the moment it appears.
const COPIES = Symbol.for("console.module-copies");

type Registry = Map<string, number>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [COPIES]?: Registry };
  holder[COPIES] ??= new Map();
  return holder[COPIES];
}

/** Call once at the top level of a module that holds state; returns how many copies are loaded now. */
export function registerSingleCopy(name: string): number {
  const copies = (registry().get(name) ?? 0) + 1;
  registry().set(name, copies);
  if (copies > 1) {
    console.error(
      `console: ${name} is loaded ${copies} times in this process, each copy with its own state. Import server code through @console/server (docs/architecture.md).`,
    );
  }
  return copies;
}
