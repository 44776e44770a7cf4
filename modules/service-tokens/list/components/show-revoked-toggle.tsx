"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";

/**
 * A filter checkbox that lives in the URL (?show=revoked, ?policy=exceeded) so it survives reloads and
 * can be linked to.
 */
export function ShowRevokedToggle({
  checked,
  hrefOn,
  hrefOff,
  label = "Show revoked",
}: {
  checked: boolean;
  hrefOn: string;
  hrefOff: string;
  label?: string;
}) {
  const router = useRouter();
  // Ticks at once; the list follows when the navigation completes.
  const [shown, setShown] = useOptimistic(checked);
  const [, startTransition] = useTransition();
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm whitespace-nowrap text-zinc-700 select-none dark:text-zinc-300">
      <input
        type="checkbox"
        checked={shown}
        onChange={(event) => {
          const next = event.target.checked;
          startTransition(() => {
            setShown(next);
            router.push(next ? hrefOn : hrefOff, { scroll: false });
          });
        }}
        className="checkbox"
      />
      {label}
    </label>
  );
}
