"use client";

import { buttonClasses } from "@/components/ui/button";
import { OIDC_START_PATH } from "@/modules/directory";

/**
 * `Sign in with <label>` beside the local form when OpenID Connect is set up: a plain link to the flow's
 * start (it works before scripts load). The message an OpenID Connect sign-in came back with is the local
 * form's (one alert, replaced by the next attempt's).
 */
export function OidcSignIn({ label, callbackUrl }: { label: string | null; callbackUrl: string }) {
  return (
    <>
      {label ? (
        <div className="mt-4 flex flex-col gap-4">
          <p className="flex items-center gap-3 text-[13px] text-zinc-500 dark:text-zinc-400" aria-hidden="true">
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            or
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </p>
          <a
            href={`${OIDC_START_PATH}?${new URLSearchParams({ callbackUrl }).toString()}`}
            className={`${buttonClasses({ variant: "secondary" })} w-full`}
          >
            Sign in with {label}
          </a>
        </div>
      ) : null}
    </>
  );
}
