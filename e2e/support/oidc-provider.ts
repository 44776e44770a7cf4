// A real OpenID provider (the `oidc-provider` package, run by oidc-provider-process.mjs in its own process) on a
// free localhost port, for the OpenID Connect tests: accounts in and out of the groups, one without the
// groups claim, and `signInAt` to go through its login page without a browser (fetch with a cookie jar).
import path from "node:path";
import { freePort, startChild } from "./child-process";

export const CLIENT_ID = "service-tokens-console";
export const CLIENT_SECRET = "client secret of the console at the test provider";
export const ADMINS = "console-admins";
export const VIEWERS = "console-viewers";

/** The provider's accounts: login → name and groups (no `groups`: the claim is missing). */
const OIDC_PEOPLE = {
  olivia: { name: "Olivia Admin", groups: [ADMINS, "staff"] },
  vince: { name: "Vince Viewer", groups: [VIEWERS] },
  nobody: { name: "Noel Nogroup", groups: ["staff"] },
  claimless: { name: "Clara Claimless" },
  // Also an LDAP user of the console in the OpenID Connect tests: one directory never takes over another's.
  lara: { name: "Lara Ldap", groups: [ADMINS] },
} as const;

export type OidcProvider = {
  issuer: string;
  stop(): Promise<void>;
};

/**
 * Starts a provider that accepts `redirectUris`. `clockOffsetSeconds` runs its clock that far off (e.g.
 * two hours behind: every ID token it signs has expired on arrival).
 */
export async function startOidcProvider(
  redirectUris: string[],
  options: { clockOffsetSeconds?: number } = {},
): Promise<OidcProvider> {
  const port = await freePort();
  const config = {
    port,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris,
    accounts: OIDC_PEOPLE,
    clockOffsetSeconds: options.clockOffsetSeconds ?? 0,
  };
  const child = await startChild(
    "the OpenID provider",
    process.execPath,
    [path.resolve("e2e/support/oidc-provider-process.mjs"), JSON.stringify(config)],
    { ready: { printed: "ready" } },
  );
  return { issuer: `http://127.0.0.1:${port}`, stop: () => child.stop() };
}

/**
 * Signs `login` in at the provider's own login page (devInteractions: any password) from `authorizationUrl`
 * and returns the URL the provider redirects back to (the console's callback with code and state).
 */
export async function signInAt(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  };
  let url = authorizationUrl;
  let init: { method?: string; body?: string; headers?: Record<string, string> } = {};
  const origin = new URL(authorizationUrl).origin;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), cookie: cookieHeader() },
    });
    remember(response);
    init = {};
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url).toString();
      if (!next.startsWith(origin)) return next; // back to the console
      url = next;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    const fields: Record<string, string> = {};
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
    if (html.includes('name="login"')) Object.assign(fields, { login, password: "any password" });
    url = new URL(action, url).toString();
    init = {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
  }
  throw new Error("the provider kept redirecting");
}
