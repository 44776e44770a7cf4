"use client";

import dynamic from "next/dynamic";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

// The confirmation is loaded on demand: when "Revoke selected" is pointed at, focused or clicked.
const BulkRevokeDialog = dynamic(() => import("./bulk-revoke-dialog").then((m) => m.BulkRevokeDialog), { ssr: false });
const prefetch = () => void import("./bulk-revoke-dialog");

type Selection = { selected: ReadonlySet<string>; toggle: (publicId: string, on: boolean) => void };

const SelectionContext = createContext<Selection | null>(null);

/**
 * The selection of one page of the list, for `Revoke selected`. It is per page on purpose: the list is
 * keyed by the page's IDs, so paging, searching or filtering starts a new, empty selection, and nothing
 * can be revoked that is not on screen. `selectable` are the page's active tokens.
 */
export function BulkSelection({ selectable, children }: { selectable: string[]; children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Each "Revoke selected" mounts a fresh confirmation (no reason or error left from the last one).
  const [confirmations, setConfirmations] = useState(0);

  const toggle = (publicId: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(publicId);
      else next.delete(publicId);
      return next;
    });
  // In the page's order, so the confirmation names them as they are listed.
  const ids = selectable.filter((id) => selected.has(id));
  const all = selectable.length > 0 && ids.length === selectable.length;

  return (
    <SelectionContext value={{ selected, toggle }}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-zinc-700 select-none dark:text-zinc-300">
          <input
            type="checkbox"
            checked={all}
            disabled={selectable.length === 0}
            ref={(el) => {
              if (el) el.indeterminate = ids.length > 0 && !all;
            }}
            onChange={(event) => setSelected(event.target.checked ? new Set(selectable) : new Set())}
            className="checkbox"
          />
          Select all on this page
        </label>
        <Button
          variant="secondary"
          size="sm"
          disabled={ids.length === 0}
          onClick={() => setConfirmations((n) => n + 1)}
          onPointerEnter={prefetch}
          onFocus={prefetch}
          className="btn-revoke"
        >
          Revoke selected ({ids.length})
        </Button>
      </div>
      {children}
      {confirmations > 0 ? <BulkRevokeDialog key={confirmations} ids={ids} onRevoked={() => setSelected(new Set())} /> : null}
    </SelectionContext>
  );
}

/** A row's `Select <ID>` checkbox. */
export function SelectToken({ publicId }: { publicId: string }) {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("SelectToken needs a BulkSelection above it.");
  return (
    <input
      type="checkbox"
      aria-label={`Select ${publicId}`}
      checked={selection.selected.has(publicId)}
      onChange={(event) => selection.toggle(publicId, event.target.checked)}
      className="checkbox"
    />
  );
}
