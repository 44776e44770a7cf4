import { createHash } from "node:crypto";
import { RETRY_AFTER_SECONDS } from "../db/availability";

/**
 * What a browser gets for a page while the database cannot be used: status 503 and a calm, static page,
 * served by server.ts without asking Next.js, whose pages all need the database. Nothing in it comes
 * from the fault.
 *
 * It does not reload itself with a meta refresh (a page that changes under a screen reader or a
 * keyboard user without warning, WCAG 2.2.1/3.2.5). Instead a small script asks every few seconds,
 * without touching the page, whether the console answers again, says so in a polite live region and
 * only then loads it. `Retry` is an ordinary link to the same address, so it works without script too.
 */
const CHECK_EVERY_MS = RETRY_AFTER_SECONDS * 2 * 1000;

const SCRIPT = `(() => {
  const status = document.getElementById("status");
  const retry = document.getElementById("retry");
  let busy = false;
  async function check(byHand) {
    if (busy) return;
    busy = true;
    try {
      const res = await fetch(location.href, { method: "HEAD", cache: "no-store", redirect: "manual" });
      if (res.status !== 503) {
        status.textContent = "The console answers again. Loading it…";
        location.reload();
        return;
      }
      if (byHand) status.textContent = "Still unavailable (checked at " + new Date().toISOString().slice(11, 19) + " UTC). This page keeps trying.";
    } catch {
      if (byHand) status.textContent = "The console did not answer. This page keeps trying.";
    } finally {
      busy = false;
    }
  }
  retry.addEventListener("click", (event) => {
    event.preventDefault();
    status.textContent = "Checking…";
    void check(true);
  });
  setInterval(() => { if (!document.hidden) void check(false); }, ${CHECK_EVERY_MS});
})();`;

const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Console unavailable</title>
<style>
  :root { color-scheme: light dark; font-family: ui-sans-serif, system-ui, sans-serif; }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; padding: 2rem 1.5rem; }
  h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
  p { margin: 0 0 .75rem; line-height: 1.5; }
  .retry { display: inline-block; margin-top: .5rem; padding: .5rem 1rem; border-radius: .375rem;
    border: 1px solid currentColor; color: inherit; text-decoration: none; font-weight: 600; }
  .retry:hover { background: color-mix(in srgb, CanvasText 8%, Canvas); }
  .retry:focus-visible { outline: 2px solid Highlight; outline-offset: 2px; }
  #status { min-height: 1.5em; }
</style>
</head>
<body>
<main>
<h1>The console cannot reach its database</h1>
<p>The console is waiting for its database to answer again and will continue by itself when it does.</p>
<p>This page checks every few seconds and opens the console as soon as it answers. If it stays, tell the console's administrator.</p>
<a class="retry" id="retry" href="">Retry</a>
<p id="status" role="status" aria-live="polite"></p>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

export const UNAVAILABLE_PAGE = {
  status: 503,
  headers: {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "retry-after": String(RETRY_AFTER_SECONDS),
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    "x-content-type-options": "nosniff",
  },
  body: HTML,
} as const;
