import type { Metadata } from "next";
import { LocalTime } from "@/components/ui/local-time";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { getTokenPolicy } from "@console/server/service-tokens";
import { POLICY_MAX_DAYS, policyValues } from "@/lib/tokens";
import { PolicyForm } from "./components/policy-form";

export const metadata: Metadata = { title: "Token Policy" };

export default async function TokenPolicyPage() {
  const user = await requireUser();
  const policy = await getTokenPolicy();
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader
        title="Token Policy"
        description={`How long service tokens may live. New and rotated tokens must expire within these limits (at most ${POLICY_MAX_DAYS} days); tokens created before a change keep working and are flagged when they live longer.`}
      />
      <Card className="p-5 sm:p-6">
        <PolicyForm initial={policyValues(policy)} canEdit={user.role === "ADMIN"} />
        <p className="mt-5 text-[13px] text-zinc-500 dark:text-zinc-400">
          {policy.updatedAt ? (
            <>
              Last changed by {policy.updatedByName ?? "an administrator"} on <LocalTime iso={policy.updatedAt.toISOString()} />.
            </>
          ) : (
            "Never changed: the built-in limits apply."
          )}
        </p>
      </Card>
    </div>
  );
}
