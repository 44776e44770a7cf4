import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/auth/require-user";
import { listServiceTokens } from "@/lib/server/service-tokens/store";
import { tokenStatus } from "@/lib/tokens";
import { CreateTokenDialog } from "./_components/create-token-dialog";
import { ShowRevokedToggle } from "./_components/show-revoked-toggle";
import { TokenTable } from "./_components/token-table";
import type { TokenRow } from "./_components/token-row";

export const metadata: Metadata = { title: "Service Tokens" };

export default async function ServiceTokensPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const user = await requireUser();
  const showRevoked = (await searchParams).show === "revoked";
  const canManage = user.role === "ADMIN";
  const now = new Date();

  const rows: TokenRow[] = (await listServiceTokens({ includeRevoked: showRevoked })).map((t) => ({
    publicId: t.publicId,
    type: t.type,
    issuedTo: t.issuedTo,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    createdByName: t.createdByName,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    revokedByName: t.revokedByName,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: t.lastUsedIp,
    status: tokenStatus(t, now),
  }));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Service Tokens"
        description="The service tokens created for use are displayed on this page. Service tokens allow other services to communicate with the console."
        actions={canManage ? <CreateTokenDialog /> : null}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite">
          {rows.length === 1 ? "1 token" : `${rows.length} tokens`}
          {showRevoked ? ", including revoked" : ""}
        </p>
        <ShowRevokedToggle checked={showRevoked} />
      </div>
      <TokenTable rows={rows} canManage={canManage} showRevoked={showRevoked} />
      {!canManage ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          You have read-only access. Ask an administrator to create or revoke service tokens.
        </p>
      ) : null}
    </div>
  );
}
