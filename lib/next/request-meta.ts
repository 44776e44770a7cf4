import "server-only";
import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/audit/record";
import { CLIENT_IP_HEADER } from "@console/server/core";

/** The caller's address and user agent for the audit log, inside a page, action or route. */
export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER), userAgent: h.get("user-agent") };
}
