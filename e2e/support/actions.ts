// Server actions called over plain HTTP, as the browser calls them, for specs that drive a console of
// their own (e2e/support/instance.ts) without a browser.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Instance } from "./instance";

/** The id Next.js gave the server action exported as `name` (from the production build's manifest). */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(".next-e2e", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!found) throw new Error(`no server action named ${name} in the build`);
  return found[0];
}

/** Calls a server action as the browser does; the response's status and text (React's payload). */
export async function callAction(
  instance: Instance,
  cookie: string,
  name: string,
  input: unknown,
  { signal, page = "/settings/service-tokens" }: { signal?: AbortSignal; page?: string } = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${instance.url}${page}`, {
    method: "POST",
    headers: {
      "next-action": actionId(name),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: instance.url,
      cookie,
    },
    body: JSON.stringify([input]),
    signal,
  });
  return { status: response.status, text: await response.text() };
}

/** Creates a token through Create New's action; its plaintext and public ID. */
export async function createTokenByAction(
  instance: Instance,
  cookie: string,
  issuedTo: string,
  type: "CONNECTOR" | "DEVELOPER" = "DEVELOPER",
): Promise<{ token: string; publicId: string }> {
  const { text } = await callAction(instance, cookie, "createServiceTokenAction", { type, issuedTo, expiration: "30" });
  const token = /opc_(?:con|dev)_[0-9A-Za-z]{49}/.exec(text)?.[0];
  const publicId = /tok_[0-9A-HJKMNP-TV-Z]{10}/.exec(text)?.[0];
  if (!token || !publicId) throw new Error(`the create action answered without a token: ${text.slice(0, 300)}`);
  return { token, publicId };
}
