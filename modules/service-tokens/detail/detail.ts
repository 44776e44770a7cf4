import "server-only";
import { db } from "@/lib/db/db";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";

/** One token by its public ID, or null (also for a row of an unknown type: toView). */
export async function getServiceToken(publicId: string): Promise<ServiceTokenView | null> {
  const row = await db().serviceToken.findUnique({ where: { publicId }, select: serviceTokenSelect });
  return row ? toView(row) : null;
}

export type TokenFileView = { id: string; name: string; size: number; createdAt: Date };

/** The newest files uploaded with a token, and how many there are in all. */
export async function listFilesOfToken(publicId: string, limit: number): Promise<{ items: TokenFileView[]; total: number }> {
  const where = { token: { publicId } };
  const [items, total] = await Promise.all([
    db().storedFile.findMany({
      where,
      select: { id: true, name: true, size: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    db().storedFile.count({ where }),
  ]);
  return { items, total };
}
