// The console's own origin, for the redirect URI the provider sends the browser back to: NEXTAUTH_URL
// when the operator set it, else the scheme and host the browser used, as next-auth decides its own
// (the process sets X-Forwarded-Proto itself and keeps X-Forwarded-Host only from a trusted proxy).
import "server-only";
import { getConfig } from "@/lib/config/config";

export function consoleOrigin(header: (name: string) => string | null): string {
  const configured = getConfig().publicUrl;
  if (configured) return new URL(configured).origin;
  const proto = header("x-forwarded-proto") === "https" ? "https" : "http";
  const host = header("x-forwarded-host") ?? header("host") ?? "localhost";
  return new URL(`${proto}://${host}`).origin;
}
