import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";

/**
 * Every page gets a Content-Security-Policy whose script-src allows only scripts carrying this
 * request's nonce ('strict-dynamic' lets those load the rest), so no injected inline script runs; Next.js
 * reads the nonce from the request's CSP header while rendering and puts it on its own scripts. Pages
 * render per request (they all read the session), as nonces require. Styles keep 'unsafe-inline':
 * nonces cannot cover style attributes, and styles cannot run code.
 */
function contentSecurityPolicy(nonce: string): string {
  // eslint-disable-next-line no-restricted-properties -- Next.js replaces NODE_ENV at build time; the proxy runs outside the server core.
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withCsp(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// A convenience only: it sends signed-out visitors to /sign-in with a way back. Every page, action and
// route still checks the session itself (requireUser in lib/server/auth/require-user.ts).
const signedIn = withAuth((request) => withCsp(request), { pages: { signIn: "/sign-in" } });

const needsSession = (pathname: string) => pathname === "/" || pathname === "/settings" || pathname.startsWith("/settings/");

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (needsSession(request.nextUrl.pathname)) return signedIn(request as NextRequestWithAuth, event);
  return withCsp(request);
}

export const config = {
  matcher: [
    {
      // Not the API (JSON, no scripts), static files or prefetches (no document of their own).
      source: "/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
