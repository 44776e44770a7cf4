"use client";

import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { TOKEN_STATUS_LABELS, TOKEN_TYPE_LABELS } from "@/lib/tokens";
import { identifyServiceTokenAction, type IdentifyAnswer } from "../actions";
import { RevokeTokenButton } from "../../revoke/components/revoke-token-button";
import { STATUS_TONES } from "../../components/status-tones";
import { consoleUnreachable } from "@/components/ui/unreachable";

const FORM_ID = "identify-token";

/**
 * "Is this string one of ours?" The pasted value lives only in the uncontrolled field until Identify:
 * it is read once, sent in the action's body (never a URL), and the field is emptied when the answer
 * arrives. Only the answer (ID, hint, status…) is kept in state. Mounted open by IdentifyTokenButton.
 */
export function IdentifyTokenDialog({ canRevoke }: { canRevoke: boolean }) {
  const [open, setOpen] = useState(true);
  const [answer, setAnswer] = useState<IdentifyAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldRef = useRef<HTMLInputElement>(null);

  function reset() {
    setAnswer(null);
    setError(null);
  }

  function identify() {
    const field = fieldRef.current;
    if (!field) return;
    const value = field.value;
    if (!value.trim()) {
      setError("Paste the value to identify.");
      return;
    }
    reset();
    startTransition(async () => {
      try {
        const result = await identifyServiceTokenAction({ token: value });
        if (result.ok) setAnswer(result.data);
        else setError(result.error.message);
      } catch {
        setError(consoleUnreachable());
      } finally {
        field.value = "";
      }
    });
  }

  return (
    <Dialog
      open={open}
      title="Identify a token"
      description="Paste a string found in a log, a ticket or a repository: the console says whether it is one of its tokens, and which. The value is not stored or logged; the lookup is audited by the token's hint."
      initialFocusRef={fieldRef}
      onRequestClose={() => {
        if (!pending) setOpen(false);
      }}
      footer={
        <>
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            Close
          </Button>
          <PendingButton type="submit" form={FORM_ID} variant="primary" pending={pending}>
            Identify
          </PendingButton>
        </>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          identify();
        }}
      >
        <Field label="Token" htmlFor="identify-token-value" error={error}>
          <Input
            ref={fieldRef}
            id="identify-token-value"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            maxLength={1000}
            className="font-mono text-[13px]"
            invalid={Boolean(error)}
            aria-describedby={error ? "identify-token-value-error" : undefined}
          />
        </Field>
        <div id="identify-result" tabIndex={-1} role="status" aria-live="polite" className="outline-hidden">
          {answer ? (
            <Answer
              answer={answer}
              canRevoke={canRevoke}
              onRevoked={() => setAnswer((a) => (a?.kind === "known" ? { ...a, token: { ...a.token, status: "revoked" } } : a))}
            />
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}

function Answer({ answer, canRevoke, onRevoked }: { answer: IdentifyAnswer; canRevoke: boolean; onRevoked: () => void }) {
  if (answer.kind === "malformed") {
    return (
      <Notice tone="info" title="Not a token of this console">
        {answer.message}
      </Notice>
    );
  }
  if (answer.kind === "unknown") {
    return (
      <Notice tone="info" title="Not a known token">
        It has the format and checksum of a token of this console ({answer.hint}), but no such token exists here: it was made
        elsewhere, or deleted.
      </Notice>
    );
  }
  const t = answer.token;
  const term = "text-zinc-600 dark:text-zinc-400";
  return (
    <div className="flex flex-col gap-3 rounded-md border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <p className="flex flex-wrap items-center gap-2 font-medium">
        A token of this console:
        <Link href={`/settings/service-tokens/${t.publicId}`} className="font-mono text-accent-text underline underline-offset-2">
          {t.publicId}
        </Link>
        <Badge tone={STATUS_TONES[t.status]}>{TOKEN_STATUS_LABELS[t.status]}</Badge>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className={term}>ID</dt>
        <dd className="font-mono">{t.publicId}</dd>
        <dt className={term}>Type</dt>
        <dd>{TOKEN_TYPE_LABELS[t.type]}</dd>
        <dt className={term}>Issued To</dt>
        <dd dir="auto" className="break-words">
          {t.issuedTo}
        </dd>
        <dt className={term}>Status</dt>
        <dd>{TOKEN_STATUS_LABELS[t.status]}</dd>
        <dt className={term}>Last used</dt>
        <dd>
          {t.lastUsedAt ? (
            <>
              <LocalTime iso={t.lastUsedAt} />
              {t.lastUsedIp ? <span className="font-mono"> from {t.lastUsedIp}</span> : null}
            </>
          ) : (
            "Never"
          )}
        </dd>
      </dl>
      {canRevoke && t.status !== "revoked" ? (
        <div className="flex justify-end">
          <RevokeTokenButton
            token={{ publicId: t.publicId, issuedTo: t.issuedTo, lastUsedAt: t.lastUsedAt }}
            focusAfterRevoke="identify-result"
            onRevoked={onRevoked}
          />
        </div>
      ) : null}
    </div>
  );
}
