import { checkHealth } from "@console/server/core";

export const dynamic = "force-dynamic";

// Unauthenticated on purpose (load balancers and monitors call it); it reveals nothing but up or down.
export async function GET() {
  const health = await checkHealth();
  const headers = { "cache-control": "no-store" };
  return health.ok
    ? Response.json({ status: "ok" }, { headers })
    : Response.json({ status: "unavailable", reason: health.reason }, { status: 503, headers });
}
