// Test support for code that reads the request through next/headers: a vi.mock factory target whose
// cookie jar and headers a test sets per call. The session cookie is a real next-auth JWT, encrypted
// with the real secret, so the real session check (lib/server/auth/require-user.ts) runs unchanged.
import { encode } from "next-auth/jwt";
import { getAuthSecret } from "../auth/secret";
import { createSession } from "../auth/sessions";

const state = { cookies: new Map<string, string>(), headers: new Headers() };

export const fakeNextHeaders = {
  cookies: async () => ({
    get: (name: string) => {
      const value = state.cookies.get(name);
      return value === undefined ? undefined : { name, value };
    },
    getAll: () => [...state.cookies].map(([name, value]) => ({ name, value })),
    delete: (name: string) => state.cookies.delete(name),
    set: (name: string, value: string) => state.cookies.set(name, value),
  }),
  headers: async () => state.headers,
};

/** The next request comes from this user (or, with null, from a signed-out visitor). */
export async function actAs(userId: string | null, meta = { ip: "203.0.113.7", userAgent: "vitest" }): Promise<void> {
  state.cookies.clear();
  state.headers = new Headers({ "x-console-client-ip": meta.ip, "user-agent": meta.userAgent });
  if (userId) {
    const sid = await createSession(userId, new Date(Date.now() + 3_600_000), meta);
    state.cookies.set("next-auth.session-token", await encode({ token: { sub: userId, sid }, secret: getAuthSecret() }));
  }
}

export async function actWithCookie(value: string): Promise<void> {
  state.cookies.clear();
  state.cookies.set("next-auth.session-token", value);
}
