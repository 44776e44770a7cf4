// The routes of OpenID Connect sign-in (GET /sign-in/oidc and GET /sign-in/oidc/callback), compiled by
// Next.js; what they decide lives in the server core (oidc-sign-in.ts).
import { NextResponse, type NextRequest } from "next/server";
import { CLIENT_IP_HEADER, finishOidcSignIn, OIDC_FLOW_COOKIE, startOidcSignIn, type OidcStep } from "@console/server/auth";

function redirect({ location, cookies }: OidcStep): NextResponse {
  const response = NextResponse.redirect(location, 303);
  for (const { name, value, ...options } of cookies) response.cookies.set(name, value, options);
  // The redirect carries a one-time state or a fresh session: no cache keeps it.
  response.headers.set("cache-control", "no-store");
  return response;
}

const headerOf = (request: NextRequest) => (name: string) => request.headers.get(name);

export async function startRoute(request: NextRequest): Promise<NextResponse> {
  return redirect(await startOidcSignIn(headerOf(request), request.nextUrl.searchParams.get("callbackUrl")));
}

export async function callbackRoute(request: NextRequest): Promise<NextResponse> {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const meta = { ip: request.headers.get(CLIENT_IP_HEADER), userAgent: request.headers.get("user-agent") };
  return redirect(await finishOidcSignIn(headerOf(request), params, request.cookies.get(OIDC_FLOW_COOKIE)?.value ?? null, meta));
}
