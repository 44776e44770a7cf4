import { AsyncLocalStorage, executionAsyncResource } from "node:async_hooks";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { FramedAsyncLocalStorage, installFramedAsyncLocalStorage } from "./framed-async-local-storage";

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));
const timer = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("FramedAsyncLocalStorage", () => {
  it("keeps a store's value through promises, process.nextTick and timers started inside run()", async () => {
    const store = new FramedAsyncLocalStorage<string>();
    const seen = await store.run("request 1", async () => {
      const values = [store.getStore()];
      await nextTick();
      values.push(store.getStore());
      await timer();
      values.push(store.getStore());
      await Promise.resolve();
      values.push(store.getStore());
      return values;
    });
    expect(seen).toEqual(["request 1", "request 1", "request 1", "request 1"]);
    expect(store.getStore()).toBeUndefined();
  });

  it("keeps stores apart: each reads its own value, and an inner run() ends with its callback", async () => {
    const request = new FramedAsyncLocalStorage<string>();
    const work = new FramedAsyncLocalStorage<number>();
    await request.run("outer", async () => {
      await work.run(1, async () => {
        await sleep(1);
        expect([request.getStore(), work.getStore()]).toEqual(["outer", 1]);
        await request.run("inner", async () => {
          await sleep(1);
          expect([request.getStore(), work.getStore()]).toEqual(["inner", 1]);
        });
        expect([request.getStore(), work.getStore()]).toEqual(["outer", 1]);
      });
      expect([request.getStore(), work.getStore()]).toEqual(["outer", undefined]);
    });
  });

  it("gives concurrent runs their own values", async () => {
    const store = new FramedAsyncLocalStorage<number>();
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        store.run(n, async () => {
          await sleep(4 - n);
          return store.getStore();
        }),
      ),
    );
    expect(results).toEqual([1, 2, 3]);
  });

  it("exit() hides the store from its callback and the async work it starts, and only there", async () => {
    const store = new FramedAsyncLocalStorage<string>();
    const other = new FramedAsyncLocalStorage<string>();
    await other.run("kept", () =>
      store.run("set", async () => {
        const inside = await store.exit(async () => {
          await timer();
          return [store.getStore(), other.getStore()];
        });
        expect(inside).toEqual([undefined, "kept"]);
        expect(store.getStore()).toBe("set");
      }),
    );
  });

  it("enterWith() sets the value for the rest of the current async context, not its caller's", async () => {
    const store = new FramedAsyncLocalStorage<string>();
    const entered = await new Promise<[string | undefined, string | undefined]>((resolve) => {
      setTimeout(() => {
        store.enterWith("entered");
        const now = store.getStore();
        void timer().then(() => resolve([now, store.getStore()]));
      }, 1);
    });
    expect(entered).toEqual(["entered", "entered"]);
    expect(store.getStore()).toBeUndefined();
  });

  it("disable() forgets the store in the current context and leaves the others", () => {
    const store = new FramedAsyncLocalStorage<string>();
    const other = new FramedAsyncLocalStorage<string>();
    other.run("kept", () =>
      store.run("set", () => {
        store.disable();
        expect(store.getStore()).toBeUndefined();
        expect(other.getStore()).toBe("kept");
      }),
    );
  });

  it("bind() and snapshot() capture every store of the context they are called in", async () => {
    const a = new FramedAsyncLocalStorage<string>();
    const b = new FramedAsyncLocalStorage<string>();
    const [bound, snapshot] = a.run("a", () =>
      b.run("b", () => [FramedAsyncLocalStorage.bind(() => [a.getStore(), b.getStore()]), FramedAsyncLocalStorage.snapshot()]),
    );
    await sleep(1);
    expect(bound()).toEqual(["a", "b"]);
    expect(snapshot(() => [a.getStore(), b.getStore()])).toEqual(["a", "b"]);
    expect([a.getStore(), b.getStore()]).toEqual([undefined, undefined]);
  });

  it("adds one property to an async resource however many stores hold values (Node's own adds one per store)", async () => {
    const storeProperties = async (stores: { run(value: number, fn: () => unknown): unknown }[]) => {
      const run = (i: number): Promise<number> =>
        i === stores.length
          ? new Promise((resolve) =>
              setTimeout(() => {
                const resource = executionAsyncResource();
                resolve(Object.getOwnPropertySymbols(resource).filter((s) => s.description === "kResourceStore").length);
              }, 1),
            )
          : (stores[i]!.run(i, () => run(i + 1)) as Promise<number>);
      return run(0);
    };
    // Node 24 and later carry every store in one frame: nothing to compare there.
    if (Number(process.versions.node.split(".")[0]) >= 24) return;
    const none = await storeProperties([]);
    const framed = await storeProperties(Array.from({ length: 6 }, () => new FramedAsyncLocalStorage<number>()));
    const native = await storeProperties(Array.from({ length: 6 }, () => new AsyncLocalStorage<number>()));
    expect(framed - none).toBeLessThanOrEqual(1);
    expect(native - none).toBe(6);
  });
});

describe("installFramedAsyncLocalStorage", () => {
  it("makes Next.js' store class (globalThis) and React's (node:async_hooks, required) the framed one", () => {
    const require = createRequire(import.meta.url);
    const asyncHooks = require("node:async_hooks") as { AsyncLocalStorage: unknown };
    const global = globalThis as { AsyncLocalStorage?: unknown };
    const before = { global: global.AsyncLocalStorage, module: asyncHooks.AsyncLocalStorage };
    try {
      installFramedAsyncLocalStorage();
      if (Number(process.versions.node.split(".")[0]) >= 24) {
        expect(asyncHooks.AsyncLocalStorage).toBe(before.module);
        return;
      }
      expect(global.AsyncLocalStorage).toBe(FramedAsyncLocalStorage);
      expect(asyncHooks.AsyncLocalStorage).toBe(FramedAsyncLocalStorage);
      const Store = asyncHooks.AsyncLocalStorage as typeof FramedAsyncLocalStorage;
      const store = new Store<string>();
      expect(store.run("value", () => store.getStore())).toBe("value");
    } finally {
      global.AsyncLocalStorage = before.global;
      asyncHooks.AsyncLocalStorage = before.module;
    }
  });
});
