"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { Notice } from "@/components/ui/notice";
import { TOKEN_TYPE_LABELS } from "@/lib/tokens";
import type { CreatedServiceToken } from "../create/actions";

type CopyState = "idle" | "copied" | "failed";

/** The plaintext token, shown once, with a Copy button that tells the truth about the clipboard. */
export function OneTimeToken({ created, onCopied }: { created: CreatedServiceToken; onCopied: () => void }) {
  const [copy, setCopy] = useState<CopyState>("idle");
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  // The form (and the Create button that had the focus) just left the dialog: focus the token itself,
  // selected, so it can be copied with the keyboard at once.
  useEffect(() => {
    fieldRef.current?.focus();
  }, []);

  async function copyToken() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopy("copied");
      onCopied();
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <Notice tone="warning" title="IMPORTANT!">
        The service token generated is not stored by the console. You must copy it immediately: once you close this window it
        cannot be shown again.
      </Notice>

      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-zinc-500 dark:text-zinc-400">ID</dt>
        <dd className="font-mono">{created.publicId}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Type</dt>
        <dd>{TOKEN_TYPE_LABELS[created.type]}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Issued To</dt>
        <dd dir="auto" className="break-words">
          {created.issuedTo}
        </dd>
      </dl>

      <Field
        label="Service token"
        htmlFor="service-token"
        hint={
          <>
            Send it in the bearer authentication header of the calling service:{" "}
            <code className="font-mono text-[12px]">Authorization: Bearer &lt;token&gt;</code>
          </>
        }
      >
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <Textarea
            ref={fieldRef}
            id="service-token"
            readOnly
            rows={2}
            value={created.token}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            aria-describedby="service-token-hint"
            className="resize-none font-mono text-[13px] break-all"
          />
          <Button variant="primary" onClick={copyToken} className="sm:mt-0.5">
            {copy === "copied" ? <CheckIcon /> : <CopyIcon />}
            Copy
          </Button>
        </div>
      </Field>
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {copy === "copied" ? (
          <span className="text-green-700 dark:text-green-400">Copied to the clipboard.</span>
        ) : copy === "failed" ? (
          <span className="text-red-700 dark:text-red-400">
            The browser did not allow copying. Select the token and copy it with Ctrl+C (⌘C on a Mac).
          </span>
        ) : null}
      </p>
    </div>
  );
}
