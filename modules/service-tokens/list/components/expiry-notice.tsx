import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { EXPIRING_SOON_DAYS } from "@/lib/tokens";

/**
 * "3 tokens are expiring soon (within 7 days) — Show them", named as their badge and the Status filter
 * name the state: a link that applies the Expiring soon filter, soonest
 * first (sorted by Expiration, which is also the order both databases read straight off an index).
 */
export function ExpiryNotice({ count, filtered }: { count: number; filtered: boolean }) {
  if (count === 0) return null;
  return (
    <Notice tone="warning" className="py-2">
      {count === 1 ? "1 token is" : `${count.toLocaleString("en-US")} tokens are`} expiring soon (within {EXPIRING_SOON_DAYS}{" "}
      days)
      {filtered ? (
        "."
      ) : (
        <>
          {" — "}
          <Link
            href="/settings/service-tokens?status=expiring&sort=expires_at"
            className="font-medium underline underline-offset-2"
          >
            Show them
          </Link>
        </>
      )}
    </Notice>
  );
}
