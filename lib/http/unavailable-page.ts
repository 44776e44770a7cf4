import { RETRY_AFTER_SECONDS } from "../db/availability";

/**
 * What a browser gets for a page while the database cannot be used: status 503 and a calm, static page
 * (no script; it reloads itself), served by server.ts without asking Next.js, whose pages all need
 * the database. Nothing in it comes from the fault.
 */
const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 2}">
<title>Console unavailable</title>
<style>
  :root { color-scheme: light dark; font-family: ui-sans-serif, system-ui, sans-serif; }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; padding: 2rem 1.5rem; }
  h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
  p { margin: 0 0 .75rem; line-height: 1.5; opacity: .8; }
</style>
</head>
<body>
<main>
<h1>The console cannot reach its database</h1>
<p>The console is waiting for its database to answer again and will continue by itself when it does.</p>
<p>This page tries again every few seconds. If it stays, tell the console's administrator.</p>
</main>
</body>
</html>
`;

export const UNAVAILABLE_PAGE = {
  status: 503,
  headers: {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "retry-after": String(RETRY_AFTER_SECONDS),
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  },
  body: HTML,
} as const;
