import { afterEach, describe, expect, it, vi } from "vitest";
import { registerSingleCopy } from "./single-copy";

afterEach(() => vi.restoreAllMocks());

describe("registerSingleCopy", () => {
  it("is quiet for the first copy of a module and names the module from the second on", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const name = `test/module-${Math.random()}`;
    expect(registerSingleCopy(name)).toBe(1);
    expect(error).not.toHaveBeenCalled();
    expect(registerSingleCopy(name)).toBe(2);
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`${name} is loaded 2 times in this process`));
  });

  it("counts a module evaluated twice, as a second bundle of it would be", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await import("./db/availability");
    vi.resetModules();
    await import("./db/availability");
    expect(error).toHaveBeenCalledWith(expect.stringContaining("lib/db/availability is loaded 2 times"));
  });
});
