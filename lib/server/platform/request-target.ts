// Which request targets the console's server passes on. Pure: no `server-only`, so unit tests can
// import it; the server (server.ts) calls it for every request, the Bearer API's included.

/**
 * A path of characters RFC 3986 allows unescaped in a path and query (unreserved, sub-delims, ":", "@",
 * "/", "?"), with no "%": such a target always parses as a URL and decodes, so it needs neither check.
 * Nearly every request is one (GET /api/v1/token is), and this test costs a fraction of `new URL`.
 */
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/**
 * The request target, or null for one node:http accepted but no route can use: `*`, an absolute URL,
 * `//host` (a relative URL naming another host), or escapes that do not decode.
 */
export function wellFormedTarget(url: string | undefined): string | null {
  if (!url) return null;
  if (PLAIN_TARGET.test(url)) return url;
  if (url[0] !== "/" || url.startsWith("//")) return null;
  try {
    new URL(url, "http://localhost");
    const queryStart = url.indexOf("?");
    decodeURI(queryStart === -1 ? url : url.slice(0, queryStart));
    return url;
  } catch {
    return null;
  }
}
