// Audit destinations: at most 8 syslog receivers, each with its delivery cursor. Every change is audited
// in the transaction that makes it. The TLS client key is sealed (lib/crypto/secret-box.ts) and never
// returned to a page again.
import "server-only";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { db, type Tx } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { isConsoleListener } from "./loop-guard";
import { MAX_DESTINATIONS, type DestinationValues } from "./shared/destination-schema";
import type { Endpoint } from "./transport/deliver";
import type { WireFormat } from "./wire/syslog";

/** A message for the user, per field when it belongs to one. */
export class DestinationInputError extends Error {
  override name = "DestinationInputError";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

const keyContext = (id: string) => `audit-destination:${id}:client-key`;

/** What a page may see of a destination: never the client key. */
export const destinationSelect = {
  id: true,
  name: true,
  protocol: true,
  host: true,
  port: true,
  format: true,
  caCert: true,
  clientCert: true,
  clientKeySealed: true,
  createdAt: true,
  updatedAt: true,
  cursorSeq: true,
  deliveredAt: true,
  lastAttemptAt: true,
  failingSince: true,
  lastError: true,
  overflowAt: true,
  overflowFromSeq: true,
  overflowToSeq: true,
} as const;

type Row = Awaited<ReturnType<typeof loadRows>>[number];
const loadRows = () => db().auditDestination.findMany({ select: destinationSelect, orderBy: { createdAt: "asc" } });

export type DestinationView = Omit<Row, "clientKeySealed"> & { hasClientKey: boolean };

function toDestinationView({ clientKeySealed, ...row }: Row): DestinationView {
  return { ...row, hasClientKey: clientKeySealed !== null };
}

export async function listDestinations(): Promise<DestinationView[]> {
  return (await loadRows()).map(toDestinationView);
}

/** How to reach a destination (the client key opened for the connection, never kept elsewhere). */
export function endpointOf(
  row: Pick<Row, "id" | "protocol" | "host" | "port" | "caCert" | "clientCert" | "clientKeySealed">,
): Endpoint {
  const protocol = row.protocol === "UDP" || row.protocol === "TLS" ? row.protocol : "TCP";
  return {
    protocol,
    host: row.host,
    port: row.port,
    tls:
      protocol === "TLS"
        ? {
            ca: row.caCert ?? "",
            cert: row.clientCert ?? undefined,
            key: row.clientKeySealed ? openSecret(row.clientKeySealed, keyContext(row.id)) : undefined,
          }
        : undefined,
  };
}

/** The format a destination's events go out in: its stored one, JSON for any value this build does not know. */
export function wireFormatOf(row: Pick<Row, "format">): WireFormat {
  return row.format === "CEF" || row.format === "LEEF" ? row.format : "JSON";
}

const facts = (v: {
  name: string;
  protocol: string;
  host: string;
  port: number;
  format: string;
  caCert: string | null;
  clientCert: string | null;
}) => ({
  name: v.name,
  protocol: v.protocol,
  host: v.host,
  port: v.port,
  format: v.format,
  ...(v.protocol === "TLS" ? { tls: { ca: Boolean(v.caCert), clientCertificate: Boolean(v.clientCert) } } : {}),
});

/** Parses the PEM blocks for real: the schema only checked their shape. */
function checkPem(values: DestinationValues, storedKey: string | null): void {
  const errors: Record<string, string> = {};
  if (values.caCert) {
    try {
      new X509Certificate(values.caCert);
    } catch {
      errors.caCert = "The CA certificate could not be read: paste the whole PEM block of a certificate.";
    }
  }
  let cert: X509Certificate | null = null;
  if (values.clientCert) {
    try {
      cert = new X509Certificate(values.clientCert);
    } catch {
      errors.clientCert = "The client certificate could not be read: paste the whole PEM block of a certificate.";
    }
  }
  const keyPem = values.clientKey || storedKey;
  if (cert && !keyPem) errors.clientKey = "A client certificate needs its private key.";
  if (cert && keyPem) {
    try {
      if (!cert.checkPrivateKey(createPrivateKey(keyPem)))
        errors.clientKey = "This key does not belong to the client certificate.";
    } catch {
      errors.clientKey =
        "The client key could not be read (an encrypted key is not supported): paste an unencrypted PEM private key.";
    }
  }
  if (Object.keys(errors).length) throw new DestinationInputError("Check the highlighted fields.", errors);
}

async function checkNotLoop(values: DestinationValues): Promise<void> {
  if (await isConsoleListener(values.host, values.port)) {
    throw new DestinationInputError("That is this console's own address and port: its audit trail would loop back into it.", {
      port: "This console listens on this port of that host: choose the SIEM's receiver.",
    });
  }
}

async function checkUniqueName(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const all = await tx.auditDestination.findMany({ select: { id: true, name: true } });
  if (all.some((d) => d.id !== exceptId && d.name.toLowerCase() === name.toLowerCase())) {
    throw new DestinationInputError("Another destination has this name.", { name: "Another destination has this name." });
  }
}

export async function addDestination(values: DestinationValues, actor: SessionUser, meta: RequestMeta): Promise<DestinationView> {
  checkPem(values, null);
  await checkNotLoop(values);
  const id = newId();
  const row = await db().$transaction(async (tx) => {
    if ((await tx.auditDestination.count()) >= MAX_DESTINATIONS) {
      throw new DestinationInputError(`There are already ${MAX_DESTINATIONS} destinations: remove one first.`);
    }
    await checkUniqueName(tx, values.name);
    const head = await tx.auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true } });
    const created = await tx.auditDestination.create({
      data: {
        id,
        name: values.name,
        protocol: values.protocol,
        host: values.host,
        port: values.port,
        format: values.format,
        caCert: values.caCert || null,
        clientCert: values.clientCert || null,
        clientKeySealed: values.clientKey ? sealSecret(values.clientKey, keyContext(id)) : null,
        // New destinations receive the events recorded from now on, starting with their own creation.
        cursorSeq: head?.seq ?? 0n,
      },
      select: destinationSelect,
    });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "audit_forwarding.destination_add",
        outcome: "success",
        targetType: "audit_destination",
        targetId: id,
        details: facts(created),
        meta,
      },
      tx,
    );
    return created;
  });
  return toDestinationView(row);
}

export async function updateDestination(
  id: string,
  values: DestinationValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<DestinationView | null> {
  const existing = await db().auditDestination.findUnique({ where: { id }, select: destinationSelect });
  if (!existing) return null;
  // The stored key stays when the field is left empty and a client certificate remains.
  const keepKey = !values.clientKey && Boolean(values.clientCert) && existing.clientKeySealed !== null;
  checkPem(values, keepKey && existing.clientKeySealed ? openSecret(existing.clientKeySealed, keyContext(id)) : null);
  await checkNotLoop(values);
  const row = await db().$transaction(async (tx) => {
    await checkUniqueName(tx, values.name, id);
    const clientKeySealed = values.clientKey
      ? sealSecret(values.clientKey, keyContext(id))
      : keepKey
        ? existing.clientKeySealed
        : null;
    const updated = await tx.auditDestination.update({
      where: { id },
      data: {
        name: values.name,
        protocol: values.protocol,
        host: values.host,
        port: values.port,
        format: values.format,
        caCert: values.caCert || null,
        clientCert: values.clientCert || null,
        clientKeySealed,
        updatedAt: new Date(),
        // A new address deserves a fresh state: the old error described the old one.
        failingSince: null,
        lastError: null,
      },
      select: destinationSelect,
    });
    const clientKey = values.clientKey ? "replaced" : existing.clientKeySealed && !clientKeySealed ? "removed" : undefined;
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "audit_forwarding.destination_update",
        outcome: "success",
        targetType: "audit_destination",
        targetId: id,
        details: { old: facts(existing), new: facts(updated), ...(clientKey ? { clientKey } : {}) },
        meta,
      },
      tx,
    );
    return updated;
  });
  return toDestinationView(row);
}

export async function removeDestination(id: string, actor: SessionUser, meta: RequestMeta): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const existing = await tx.auditDestination.findUnique({ where: { id }, select: destinationSelect });
    if (!existing) return false;
    await tx.auditDestination.delete({ where: { id } });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "audit_forwarding.destination_remove",
        outcome: "success",
        targetType: "audit_destination",
        targetId: id,
        details: facts(existing),
        meta,
      },
      tx,
    );
    return true;
  });
}
