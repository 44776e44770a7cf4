// One AsyncLocalStorage for all of Next.js' and React's stores, the way Node 22+ carries them (its
// AsyncContextFrame), for Node 20.
//
// Node 20's AsyncLocalStorage copies every enabled store onto every async resource the process creates:
// an init hook runs for each process.nextTick, promise, socket and timer and adds one property per store.
// Next.js enables five stores on its first page and more as it serves actions, so once an administrator
// had opened a page, every Bearer API request paid for them too: its five process.nextTick calls took
// about 3 µs more each request, a fifth of the console's cost over the bare baseline
// (bench/README.md, "Next.js' stores on every async resource").
//
// Next.js and React create their stores from globalThis.AsyncLocalStorage when it is set. This class
// keeps each store's value in a frame (an immutable Map from store to value) carried by a single
// AsyncLocalStorage, so an async resource gets one property whatever the number of stores. The
// semantics are Node 22's AsyncContextFrame ones, which Next.js supports: run() and exit() reach the
// async work they start, disable() forgets the store in the current context.
import "server-only";
import asyncHooks, { AsyncLocalStorage } from "node:async_hooks";

type Frame = ReadonlyMap<FramedAsyncLocalStorage<unknown>, unknown>;

const carrier = new AsyncLocalStorage<Frame>();

function frameWith(store: FramedAsyncLocalStorage<unknown>, value: unknown): Frame {
  const frame = new Map(carrier.getStore());
  frame.set(store, value);
  return frame;
}

export class FramedAsyncLocalStorage<T> {
  /** The whole async context (every store) captured for `fn`, as AsyncLocalStorage.bind does. */
  static bind<F extends (...args: never[]) => unknown>(fn: F): F {
    return AsyncLocalStorage.bind(fn);
  }

  /** A function that runs another in the async context (every store) of this call. */
  static snapshot(): <R, A extends unknown[]>(fn: (...args: A) => R, ...args: A) => R {
    return AsyncLocalStorage.snapshot();
  }

  getStore(): T | undefined {
    return carrier.getStore()?.get(this) as T | undefined;
  }

  run<R, A extends unknown[]>(value: T, callback: (...args: A) => R, ...args: A): R {
    if (Object.is(value, this.getStore())) return callback(...args);
    return carrier.run(frameWith(this as FramedAsyncLocalStorage<unknown>, value), callback, ...args);
  }

  exit<R, A extends unknown[]>(callback: (...args: A) => R, ...args: A): R {
    return this.run(undefined as T, callback, ...args);
  }

  enterWith(value: T): void {
    carrier.enterWith(frameWith(this, value));
  }

  disable(): void {
    const frame = carrier.getStore();
    if (!frame?.has(this)) return;
    const without = new Map(frame);
    without.delete(this);
    carrier.enterWith(without);
  }
}

/**
 * Makes every store created from now on a FramedAsyncLocalStorage: Next.js' (from
 * globalThis.AsyncLocalStorage) and React's (from node:async_hooks). Must run before either is loaded.
 */
export function installFramedAsyncLocalStorage(): void {
  // Node 24 carries stores this way itself (and 22 with --experimental-async-context-frame).
  if (Number(process.versions.node.split(".")[0]) >= 24) return;
  (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage = FramedAsyncLocalStorage;
  (asyncHooks as { AsyncLocalStorage: unknown }).AsyncLocalStorage = FramedAsyncLocalStorage;
}
