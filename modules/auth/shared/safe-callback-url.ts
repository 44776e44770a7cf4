/**
 * Where to go after signing in: only a path on this site, never another origin ("//evil.example",
 * "https://…", "/\\evil" are all refused), so the sign-in page cannot be used as an open redirect.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/settings/service-tokens"): string {
  if (!value) return fallback;
  try {
    const base = "http://console.invalid";
    const url = new URL(value, base);
    if (url.origin !== base || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
    if (url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/api/")) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
