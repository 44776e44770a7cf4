import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as client from "./index";
import * as server from "./server";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Every import specifier reachable from a module of this folder, following relative imports. */
function reachableImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Comments may mention modules ("import them from ./server"): only code counts.
    const source = readFileSync(here(`./${file}.ts`), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    for (const match of source.matchAll(/(?:from|import)\s+["']([^"']+)["']/g)) {
      const spec = match[1]!;
      specifiers.add(spec);
      if (spec.startsWith("./")) visit(spec.slice(2));
    }
  };
  visit(entry);
  return specifiers;
}

describe("barrels", () => {
  it("keeps node:crypto, Next.js and server-only out of the browser barrel", () => {
    const imports = [...reachableImports("index")];
    expect(imports).toContain("./schema"); // the walk really follows the re-exports
    expect(imports.filter((s) => s.startsWith("node:") || s.startsWith("next") || s === "server-only")).toEqual([]);
    expect(client).not.toHaveProperty("generateToken");
    expect(client).not.toHaveProperty("hashToken");
  });

  it("offers generation and hashing, plus everything else, from the server barrel", () => {
    expect(server.generateToken).toBeTypeOf("function");
    expect(server.generatePublicId).toBeTypeOf("function");
    expect(server.hashToken).toBeTypeOf("function");
    for (const name of Object.keys(client)) expect(server).toHaveProperty(name);
  });
});
