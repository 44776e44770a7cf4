import Link from "next/link";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon } from "@/components/ui/icons";

/**
 * A token page for an ID that names no token (mistyped, from an old link, or a row of a type this console
 * does not know): in the console's frame, with the way back to the list, answered with status 404.
 * Rendered per request (connection()) like the site's not-found page, for the CSP nonce.
 */
export default async function NoSuchTokenPage() {
  await connection();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">No such token</h1>
      <Card>
        <EmptyState
          icon={<KeyIcon className="size-5" />}
          title="There is no service token with this ID"
          description="Check the ID, or find the token in the list by its Issued To, its last characters or the address it was used from."
          action={
            <Link href="/settings/service-tokens" className="text-sm font-medium text-accent-text underline underline-offset-2">
              Back to Service Tokens
            </Link>
          }
        />
      </Card>
    </div>
  );
}
