import { signOutAction } from "@/modules/auth";
import { Button } from "@/components/ui/button";
import { LogOutIcon } from "@/components/ui/icons";
import type { SessionUser } from "@/lib/auth/users";
import { ChangePasswordButton } from "./change-password";

const ROLE_LABELS = { ADMIN: "Administrator", VIEWER: "Viewer" } as const;

export function UserPanel({ user }: { user: SessionUser }) {
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex w-full items-center gap-3">
        <span
          aria-hidden
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold uppercase text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
        >
          {user.displayName.slice(0, 2)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" data-testid="signed-in-user">
            {user.displayName}
          </p>
          <p className="text-xs break-words text-zinc-500 dark:text-zinc-400">
            {user.username} · {ROLE_LABELS[user.role]}
          </p>
        </div>
        <form action={signOutAction}>
          <Button type="submit" variant="ghost" size="sm" title="Sign out" className="px-2">
            <LogOutIcon />
            <span className="sr-only sm:not-sr-only md:sr-only">Sign out</span>
          </Button>
        </form>
      </div>
      <ChangePasswordButton />
    </div>
  );
}
