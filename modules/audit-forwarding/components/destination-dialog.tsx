"use client";

import { useRef, useState } from "react";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea, fieldDescribedBy } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import { fieldErrorsOf } from "@/lib/action-result";
import { addDestinationAction, updateDestinationAction } from "../actions";
import { DEFAULT_PORTS, destinationSchema, FORMATS, PROTOCOLS } from "@/modules/audit-forwarding/shared/destination-schema";
import { consoleUnreachable } from "@/components/ui/unreachable";

export type DestinationFormValues = {
  name: string;
  protocol: (typeof PROTOCOLS)[number];
  host: string;
  port: string;
  format: (typeof FORMATS)[number];
  caCert: string;
  clientCert: string;
  clientKey: string;
};

const FIELDS = ["name", "protocol", "host", "port", "format", "caCert", "clientCert", "clientKey"] as const;
const FORM_ID = "audit-destination-form";

export const EMPTY_DESTINATION: DestinationFormValues = {
  name: "",
  protocol: "TCP",
  host: "",
  port: String(DEFAULT_PORTS.TCP),
  format: "CEF",
  caCert: "",
  clientCert: "",
  clientKey: "",
};

/** Add audit destination / Edit audit destination. Mounted open; the client key is never shown back. */
export function DestinationDialog({
  editing,
  initial,
  onClose,
}: {
  /** The destination edited (its id and whether a client key is stored), or null to add one. */
  editing: { id: string; hasClientKey: boolean } | null;
  initial: DestinationFormValues;
  onClose: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [portTouched, setPortTouched] = useState(editing !== null);
  const nameRef = useRef<HTMLInputElement>(null);
  const { fieldErrors, setFieldErrors, message, setMessage, pending, submit } = useActionSubmit({
    unreachable: consoleUnreachable("nothing was saved"),
    fields: FIELDS,
  });
  const set = (key: keyof DestinationFormValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function save() {
    const checked = destinationSchema.safeParse(values);
    if (!checked.success) {
      setFieldErrors(fieldErrorsOf(checked.error));
      setMessage(null);
      return;
    }
    submit(
      () => (editing ? updateDestinationAction({ id: editing.id, ...values }) : addDestinationAction(values)),
      () => onClose(),
    );
  }

  const text = (key: "name" | "host", label: string, hint?: string) => (
    <Field label={label} htmlFor={`dest-${key}`} hint={hint} error={fieldErrors[key]}>
      <Input
        ref={key === "name" ? nameRef : undefined}
        id={`dest-${key}`}
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
        autoComplete="off"
        spellCheck={false}
        invalid={Boolean(fieldErrors[key])}
        aria-describedby={fieldDescribedBy(`dest-${key}`, { hint, error: fieldErrors[key] })}
      />
    </Field>
  );
  const pem = (key: "caCert" | "clientCert" | "clientKey", label: string, hint: string) => (
    <Field label={label} htmlFor={`dest-${key}`} hint={hint} error={fieldErrors[key]}>
      <Textarea
        id={`dest-${key}`}
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
        rows={4}
        spellCheck={false}
        autoComplete="off"
        className="font-mono text-xs"
        invalid={Boolean(fieldErrors[key])}
        aria-describedby={fieldDescribedBy(`dest-${key}`, { hint, error: fieldErrors[key] })}
      />
    </Field>
  );

  return (
    <Dialog
      open
      title={editing ? "Edit audit destination" : "Add audit destination"}
      description="A syslog receiver of the site's SIEM. Every audit event is sent to it in order, with its ID and chain hash."
      initialFocusRef={nameRef}
      onRequestClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <PendingButton type="submit" form={FORM_ID} variant="primary" pending={pending}>
            Save
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
          save();
        }}
      >
        {message ? (
          <Notice tone="danger" role="alert">
            {message}
          </Notice>
        ) : null}
        {text("name", "Name")}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Protocol" htmlFor="dest-protocol" error={fieldErrors.protocol}>
            <Select
              id="dest-protocol"
              value={values.protocol}
              onChange={(e) => {
                const protocol = e.target.value as DestinationFormValues["protocol"];
                setValues((v) => ({ ...v, protocol, port: portTouched ? v.port : String(DEFAULT_PORTS[protocol]) }));
              }}
              invalid={Boolean(fieldErrors.protocol)}
              aria-describedby={fieldDescribedBy("dest-protocol", { error: fieldErrors.protocol })}
            >
              {PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Format" htmlFor="dest-format" error={fieldErrors.format}>
            <Select
              id="dest-format"
              value={values.format}
              onChange={(e) => set("format", e.target.value)}
              invalid={Boolean(fieldErrors.format)}
              aria-describedby={fieldDescribedBy("dest-format", { error: fieldErrors.format })}
            >
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
          {text("host", "Host", "Host name or IP address of the receiver.")}
          <Field label="Port" htmlFor="dest-port" error={fieldErrors.port}>
            <Input
              id="dest-port"
              type="number"
              inputMode="numeric"
              min={1}
              max={65_535}
              value={values.port}
              onChange={(e) => {
                setPortTouched(true);
                set("port", e.target.value);
              }}
              invalid={Boolean(fieldErrors.port)}
              aria-describedby={fieldDescribedBy("dest-port", { error: fieldErrors.port })}
            />
          </Field>
        </div>
        {values.protocol === "TLS" ? (
          <>
            {pem("caCert", "CA certificate", "PEM. The receiver's certificate must be signed by it and name the host.")}
            {pem("clientCert", "Client certificate (optional)", "PEM, when the receiver asks for one.")}
            {pem(
              "clientKey",
              "Client key (optional)",
              editing?.hasClientKey
                ? "A key is stored (never shown again). Leave empty to keep it; paste one to replace it."
                : "PEM, unencrypted. Stored encrypted and never shown again.",
            )}
          </>
        ) : null}
      </form>
    </Dialog>
  );
}
