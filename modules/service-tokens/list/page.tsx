import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { countExpiringSoon, getTokenPolicy, listServiceTokens } from "@console/server/service-tokens";
import { searchParamsOfView, viewFromSearchParams } from "@/lib/tokens";
import { CreateTokenButton } from "../create/components/create-token-button";
import { ExpiryNotice } from "./components/expiry-notice";
import { IdentifyTokenButton } from "../identify/components/identify-token-button";
import { ListNavigation } from "./components/list-navigation";
import { Pager } from "./components/pager";
import { PerPageSelect } from "./components/per-page-select";
import { ShowRevokedToggle } from "./components/show-revoked-toggle";
import { TokenFilters } from "./components/token-filters";
import { TokenList } from "./components/token-list";
import { toTokenRow } from "../components/token-row";
import { RESULTS_ID } from "@/modules/service-tokens/shared/paths";

export const metadata: Metadata = { title: "Service Tokens" };

const PAGE = "/settings/service-tokens";

export default async function ServiceTokensPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const view = viewFromSearchParams(await searchParams);
  const canManage = user.role === "ADMIN";
  const now = new Date();

  const policy = await getTokenPolicy();
  const [list, expiring] = await Promise.all([
    listServiceTokens(view, { now, includeRevoked: Boolean(view.showRevoked), policy }),
    countExpiringSoon(now),
  ]);
  const rows = list.items.map((t) => toTokenRow(t, now, policy));
  const filtered = Boolean(view.q || view.type || view.status || view.overPolicy || view.lastUsed || view.expires);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Service Tokens"
        description="The service tokens created for use are displayed on this page. Service tokens allow other services to communicate with the console."
        actions={
          <>
            <IdentifyTokenButton canRevoke={canManage} />
            {canManage ? <CreateTokenButton /> : null}
          </>
        }
      />
      <ExpiryNotice count={expiring} filtered={view.status === "expiring"} />
      <ListNavigation>
        <TokenFilters view={view} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p id={RESULTS_ID} tabIndex={-1} className="text-sm text-zinc-600 outline-hidden dark:text-zinc-400" aria-live="polite">
            {list.total === 1 ? "1 token" : `${list.total.toLocaleString("en-US")} tokens`}
            {filtered ? " match" : view.showRevoked ? ", including revoked" : ""}
          </p>
          <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
            <ShowRevokedToggle
              label="Only over the policy"
              checked={Boolean(view.overPolicy)}
              hrefOn={`${PAGE}${searchParamsOfView({ ...view, cursor: undefined, overPolicy: true })}`}
              hrefOff={`${PAGE}${searchParamsOfView({ ...view, cursor: undefined, overPolicy: false })}`}
            />
            {view.status ? null : (
              <ShowRevokedToggle
                checked={Boolean(view.showRevoked)}
                hrefOn={`${PAGE}${searchParamsOfView({ ...view, cursor: undefined, showRevoked: true })}`}
                hrefOff={`${PAGE}${searchParamsOfView({ ...view, cursor: undefined, showRevoked: false })}`}
              />
            )}
            <PerPageSelect view={view} />
          </div>
        </div>
        {rows.length > 0 ? (
          <TokenList rows={rows} view={view} canManage={canManage} />
        ) : filtered ? (
          <Card>
            <EmptyState
              icon={<KeyIcon className="size-5" />}
              title="No tokens match"
              description="No token matches this search and these filters."
              action={
                <Link href={PAGE} className="text-sm font-medium text-accent-text underline underline-offset-2">
                  Clear filters
                </Link>
              }
            />
          </Card>
        ) : (
          <Card>
            <EmptyState
              icon={<KeyIcon className="size-5" />}
              title={view.showRevoked ? "No tokens yet" : "No active tokens"}
              description={
                canManage
                  ? "Create a token for each service that calls the console's API, such as a connector uploading files."
                  : "When an administrator creates service tokens, they are listed here."
              }
            />
          </Card>
        )}
        <Pager
          view={view}
          page={list.page}
          pageCount={list.pageCount}
          nextCursor={list.nextCursor}
          prevCursor={list.prevCursor}
        />
      </ListNavigation>
      {!canManage ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          You have read-only access. Ask an administrator to create or revoke service tokens.
        </p>
      ) : null}
    </div>
  );
}
