// Which request targets the console's server passes on. Pure: no `server-only`, so unit tests can
// import it; the server (server.ts) calls it for every request, the Bearer API's included.

/**
 * A path of characters RFC 3986 allows unescaped in a path and query (unreserved, sub-delims, ":", "@",
 * "/", "?"), with no "%": such a target always parses as a URL and decodes, so it needs neither check.
 * Nearly every request is one (GET /api/v1/token is), and this test costs a fraction of `new URL`.
 */
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/**
 * The full check: a target node:http accepted that a route can use. Not `*`, an absolute URL or `//host`
 * (a relative URL naming another host), and its escapes must decode.
 */
export function usableTarget(url: string): boolean {
  if (url[0] !== "/" || url.startsWith("//")) return false;
  try {
    new URL(url, "http://localhost");
    const queryStart = url.indexOf("?");
    decodeURI(queryStart === -1 ? url : url.slice(0, queryStart));
    return true;
  } catch {
    return false;
  }
}

/** The request target, or null when no route can use it (see usableTarget). */
export function wellFormedTarget(url: string | undefined): string | null {
  if (!url) return null;
  return PLAIN_TARGET.test(url) || usableTarget(url) ? url : null;
}
