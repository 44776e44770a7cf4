import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { decodeAuditCursor, encodeAuditCursor, listAuditEventPage } from "@console/server/audit-log";
import { requireUser } from "@/lib/next/session";
import { getServiceToken, getTokenPolicy, listFilesOfToken } from "@console/server/service-tokens";
import {
  exceedsPolicy,
  isPublicId,
  TOKEN_STATUS_LABELS,
  TOKEN_TYPE_LABELS,
  tokenStatus,
  unusedRevocationSoon,
} from "@/lib/tokens";
import { AuditEvents } from "@/modules/audit-log";
import { readUsageRange, TokenUsage } from "@/modules/usage";
import { RevokeTokenButton } from "../revoke/components/revoke-token-button";
import { RotateProvider, RotateTokenButton } from "../rotate/components/rotate-token-button";
import { TokenDetailsEditor } from "./components/token-details-editor";
import { STATUS_TONES } from "../components/status-tones";
import { revokeReasonText } from "../components/token-row";
import { DETAIL_LIST_CLASS } from "./components/detail-list";

const AUDIT_PAGE_SIZE = 20;
const FILES_SHOWN = 20;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await params).id };
}

const term = "text-zinc-600 dark:text-zinc-400";

export default async function ServiceTokenPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { id } = await params;
  if (!isPublicId(id)) notFound();
  const token = await getServiceToken(id);
  if (!token) notFound();

  const query = await searchParams;
  const before = query.before;
  const cursor = typeof before === "string" ? decodeAuditCursor(before) : null;
  const [files, audit, policy] = await Promise.all([
    listFilesOfToken(id, FILES_SHOWN),
    listAuditEventPage({ limit: AUDIT_PAGE_SIZE, subject: id, cursor: cursor ?? undefined }),
    getTokenPolicy(),
  ]);
  const now = new Date();
  const status = tokenStatus(token, now);
  const live = status !== "revoked" && status !== "expired";
  const unusedAt = unusedRevocationSoon(token, policy, now);
  const canManage = user.role === "ADMIN";
  const reason = revokeReasonText(token.revokeReason, token.revokeReasonText);
  const tokenLink = (publicId: string) => (
    <Link href={`/settings/service-tokens/${publicId}`} className="font-mono font-medium text-accent-text hover:underline">
      {publicId}
    </Link>
  );
  const self = `/settings/service-tokens/${id}`;

  return (
    <div className="flex flex-col gap-6">
      <Link
        href="/settings/service-tokens"
        className="self-start text-sm font-medium text-accent-text underline-offset-2 hover:underline"
      >
        ← Service Tokens
      </Link>
      <PageHeader
        title={token.publicId}
        description={
          <span className="break-words">
            {TOKEN_TYPE_LABELS[token.type]} token issued to <bdi>{token.issuedTo}</bdi>
          </span>
        }
        actions={
          canManage && !token.revokedAt ? (
            // The provider keeps the Rotate dialog (and its one-time token) when the refreshed page drops the button.
            <RotateProvider focusAfterClose="token-status">
              {live ? (
                <RotateTokenButton token={{ publicId: token.publicId, type: token.type, issuedTo: token.issuedTo }} />
              ) : null}
              <RevokeTokenButton
                token={{
                  publicId: token.publicId,
                  issuedTo: token.issuedTo,
                  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
                }}
                focusAfterRevoke="token-status"
              />
            </RotateProvider>
          ) : null
        }
      />
      {token.replacedByPublicId && live ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          Rotating — stops working at <LocalTime iso={token.expiresAt.toISOString()} />.
        </p>
      ) : null}
      {live && exceedsPolicy(token, policy) ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
          Lives longer than the policy allows: it was created before the Token Policy was tightened. Rotate it to bring it within
          the policy.
        </p>
      ) : null}
      {live && unusedAt ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
          Unused for {policy.revokeUnusedDays} days at <LocalTime iso={unusedAt.toISOString()} />: the inactive-token policy
          revokes it then, unless it is used before.
        </p>
      ) : null}
      <Card className="p-5">
        <h2 id="token-status" tabIndex={-1} className="mb-4 flex items-center gap-3 text-sm font-semibold outline-hidden">
          Details <Badge tone={STATUS_TONES[status]}>{TOKEN_STATUS_LABELS[status]}</Badge>
        </h2>
        <dl className={DETAIL_LIST_CLASS}>
          <dt className={term}>Type</dt>
          <dd>{TOKEN_TYPE_LABELS[token.type]}</dd>
          <dt className={term}>Issued To</dt>
          <dd dir="auto" className="break-words">
            {token.issuedTo}
          </dd>
          <dt className={term}>Token</dt>
          <dd className="font-mono">{token.hint}</dd>
          <dt className={term}>Created by</dt>
          <dd>{token.createdByName}</dd>
          <dt className={term}>Created At</dt>
          <dd>
            <LocalTime iso={token.createdAt.toISOString()} />
          </dd>
          <dt className={term}>Expiration</dt>
          <dd>
            <LocalTime iso={token.expiresAt.toISOString()} />
          </dd>
          <dt className={term}>Status</dt>
          <dd>{TOKEN_STATUS_LABELS[status]}</dd>
          <dt className={term}>Last used</dt>
          <dd>
            {token.lastUsedAt ? (
              <>
                <LocalTime iso={token.lastUsedAt.toISOString()} />
                {token.lastUsedIp ? <span className="font-mono"> from {token.lastUsedIp}</span> : null}
              </>
            ) : (
              "Never"
            )}
          </dd>
          <dt className={term}>Revoked</dt>
          <dd>
            {token.revokedAt ? (
              <>
                <LocalTime iso={token.revokedAt.toISOString()} />
                {token.revokedByName ? ` by ${token.revokedByName}` : ""}
              </>
            ) : (
              "No"
            )}
          </dd>
          {token.revokedAt ? (
            <>
              <dt className={term}>Reason</dt>
              <dd className="break-words">{reason ?? "None given"}</dd>
            </>
          ) : null}
          {token.replacesPublicId ? (
            <>
              <dt className={term}>Replaces</dt>
              <dd>{tokenLink(token.replacesPublicId)}</dd>
            </>
          ) : null}
          {token.replacedByPublicId ? (
            <>
              <dt className={term}>Replaced by</dt>
              <dd>{tokenLink(token.replacedByPublicId)}</dd>
            </>
          ) : null}
        </dl>
      </Card>

      <Card className="p-5">
        <h2 className="mb-4 text-sm font-semibold">Description and allowed addresses</h2>
        <TokenDetailsEditor
          publicId={token.publicId}
          description={token.description}
          allowedCidrs={token.allowedCidrs}
          notifyEmails={token.notifyEmails}
          canEdit={canManage && !token.revokedAt}
        />
      </Card>

      <TokenUsage publicId={token.publicId} range={readUsageRange(query.usage)} path={`/settings/service-tokens/${id}`} />

      <section aria-labelledby="files-heading" className="flex flex-col gap-3">
        <h2 id="files-heading" className="text-base font-semibold">
          Files uploaded with it
        </h2>
        {files.total === 0 ? (
          <p className={`text-sm ${term}`}>No files.</p>
        ) : (
          <>
            <ul
              aria-labelledby="files-heading"
              className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
            >
              {files.items.map((file) => (
                <li key={file.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2.5">
                  <span className="min-w-0 break-all">{file.name}</span>
                  <span className={`text-xs ${term}`}>
                    {file.size.toLocaleString("en-US")} bytes · <LocalTime iso={file.createdAt.toISOString()} />
                  </span>
                </li>
              ))}
            </ul>
            {files.total > files.items.length ? (
              <p className={`text-sm ${term}`}>
                The newest {files.items.length} of {files.total.toLocaleString("en-US")} files.
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="audit-heading" className="flex flex-col gap-3">
        <h2 id="audit-heading" className="text-base font-semibold">
          Audit trail
        </h2>
        {audit.items.length === 0 ? (
          <p className={`text-sm ${term}`}>No events.</p>
        ) : (
          <AuditEvents events={audit.items} label="Audit trail" showTarget={false} />
        )}
        <nav aria-label="Audit trail pages" className="flex justify-end gap-2">
          {cursor ? (
            <Link href={self} className={buttonClasses({ size: "sm" })}>
              Newest
            </Link>
          ) : null}
          {audit.nextCursor ? (
            <Link href={`${self}?before=${encodeAuditCursor(audit.nextCursor)}`} className={buttonClasses({ size: "sm" })}>
              Older events
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
