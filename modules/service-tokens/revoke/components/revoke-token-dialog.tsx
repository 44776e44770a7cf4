"use client";

import { LocalTime } from "@/components/ui/local-time";
import { revokeServiceTokenAction } from "../actions";
import { RevokeConfirmation } from "./revoke-confirmation";

export type RevokeTarget = { publicId: string; issuedTo: string; lastUsedAt: string | null };

type Props = {
  token: RevokeTarget;
  /** id of the element (with tabIndex -1) that takes focus after a revoke: the button itself goes away. */
  focusAfterRevoke: string;
  onRevoked?: () => void;
};

/**
 * The confirmation of a token's Revoke, mounted open by RevokeTokenButton; it closes only once the
 * revoke succeeded.
 */
export function RevokeTokenDialog({ token, focusAfterRevoke, onRevoked }: Props) {
  return (
    <RevokeConfirmation
      title="Revoke service token?"
      warning="A revoked service token cannot be recovered. Any service that uses it loses access immediately."
      subject={
        <span className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-[13px] dark:border-zinc-800 dark:bg-zinc-950">
          <span className="text-zinc-500 dark:text-zinc-400">ID</span>
          <span className="font-mono">{token.publicId}</span>
          <span className="text-zinc-500 dark:text-zinc-400">Issued To</span>
          <bdi className="break-words">{token.issuedTo}</bdi>
          <span className="text-zinc-500 dark:text-zinc-400">Last used</span>
          <span>{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : "Never"}</span>
        </span>
      }
      idPrefix={`revoke-${token.publicId}`}
      focusAfterRevoke={focusAfterRevoke}
      revoke={(why) => revokeServiceTokenAction({ publicId: token.publicId, reason: why.reason, reasonText: why.reasonText })}
      onRevoked={onRevoked}
    />
  );
}
