"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** A webhook's signing secret, shown once: Copy, and Done asks first when it was not copied. */
export function SecretView({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [asking, setAsking] = useState(false);
  return (
    <div className="flex flex-col gap-4 p-5">
      <Notice tone="warning" title="Copy it now">
        The receiver verifies each request with this secret. It is not shown again; Rotate secret makes a new one.
      </Notice>
      <p
        className="rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[13px] break-all dark:border-zinc-700 dark:bg-zinc-900"
        aria-label="Signing secret"
      >
        {secret}
      </p>
      <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
        {copied ? "Copied." : asking ? "You have not copied the secret: it will not be shown again." : ""}
      </p>
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          onClick={() => {
            void navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy
        </Button>
        {asking && !copied ? (
          <Button variant="danger" onClick={onDone}>
            Close without copying
          </Button>
        ) : (
          <Button variant="primary" onClick={() => (copied ? onDone() : setAsking(true))}>
            Done
          </Button>
        )}
      </div>
    </div>
  );
}
