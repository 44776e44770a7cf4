"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

/** The filter lives in the URL (?show=revoked) so it survives reloads and can be linked to. */
export function ShowRevokedToggle({ checked }: { checked: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-zinc-700 select-none dark:text-zinc-300">
      <input
        type="checkbox"
        checked={checked}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.checked;
          startTransition(() => router.replace(next ? `${pathname}?show=revoked` : pathname, { scroll: false }));
        }}
        className="size-4 rounded border-zinc-300 accent-accent dark:border-zinc-600"
      />
      Show revoked
    </label>
  );
}
