"use client";

import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useFocusAfterClose } from "@/components/ui/use-focus-after-close";
import { bulkRevokeServiceTokensAction } from "../../lifecycle-actions";
import { NO_REASON, RevokeReasonField, type RevokeReasonValue } from "./revoke-reason-field";

type Selection = { selected: ReadonlySet<string>; toggle: (publicId: string, on: boolean) => void };

const SelectionContext = createContext<Selection | null>(null);

/** How many IDs the confirmation names before "and N more". */
const NAMED = 5;

/**
 * The selection of one page of the list, for `Revoke selected`. It is per page on purpose: the list is
 * keyed by the page's IDs, so paging, searching or filtering starts a new, empty selection, and nothing
 * can be revoked that is not on screen. `selectable` are the page's active tokens.
 */
export function BulkSelection({ selectable, children }: { selectable: string[]; children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [why, setWhy] = useState<RevokeReasonValue>(NO_REASON);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // "Revoke selected" is disabled once nothing is selected: focus goes to the list's count instead.
  const focusAfterClose = useFocusAfterClose(confirming, "token-list-summary");
  const [pending, startTransition] = useTransition();

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

  function confirm() {
    setError(null);
    startTransition(async () => {
      try {
        const result = await bulkRevokeServiceTokensAction({ publicIds: ids, reason: why.reason, reasonText: why.reasonText });
        if (result.ok) {
          focusAfterClose();
          setConfirming(false);
          setSelected(new Set());
        } else {
          setFieldErrors(result.error.fieldErrors ?? {});
          setError(result.error.fieldErrors?.reasonText ? null : result.error.message);
        }
      } catch {
        setError("The console could not be reached. Nothing was changed; try again.");
      }
    });
  }

  const named = ids.slice(0, NAMED).join(", ");
  const more = ids.length - NAMED;

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
            className="size-4 rounded border-zinc-300 accent-accent dark:border-zinc-600"
          />
          Select all on this page
        </label>
        <Button
          variant="secondary"
          size="sm"
          disabled={ids.length === 0}
          onClick={() => {
            setError(null);
            setWhy(NO_REASON);
            setFieldErrors({});
            setConfirming(true);
          }}
          className="text-red-700 hover:text-red-800 dark:text-red-400 dark:hover:text-red-300"
        >
          Revoke selected ({ids.length})
        </Button>
      </div>
      {children}
      <AlertDialog
        open={confirming}
        title={ids.length === 1 ? "Revoke 1 service token?" : `Revoke ${ids.length} service tokens?`}
        tone="danger"
        confirmLabel="OK"
        cancelLabel="Cancel"
        pending={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={confirm}
        body={<RevokeReasonField idPrefix="bulk-revoke" value={why} onChange={setWhy} errors={fieldErrors} disabled={pending} />}
      >
        <span className="flex flex-col gap-3">
          <span>A revoked service token cannot be recovered. Any service that uses one of these loses access immediately.</span>
          <span className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] break-words dark:border-zinc-800 dark:bg-zinc-950">
            {named}
            {more > 0 ? <span className="font-sans"> and {more} more</span> : null}
          </span>
          {error ? (
            <Notice tone="danger" role="alert">
              {error}
            </Notice>
          ) : null}
        </span>
      </AlertDialog>
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
      className="size-4 rounded border-zinc-300 accent-accent dark:border-zinc-600"
    />
  );
}
