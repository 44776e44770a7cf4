import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SettingsIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { chainHeadSeq, getAuditSettings, listDestinations, type DestinationView } from "@console/server/audit-forwarding";
import { AddDestinationButton } from "./components/add-destination-button";
import { DestinationActions } from "./components/destination-actions";
import type { DestinationFormValues } from "./components/destination-dialog";
import { AuditSettingsForm } from "./components/settings-form";
import { MAX_DESTINATIONS } from "./shared/destination-schema";

export const metadata: Metadata = { title: "Audit Forwarding" };

const count = (n: bigint) => Number(n).toLocaleString("en-US");

function formValues(d: DestinationView): DestinationFormValues {
  return {
    name: d.name,
    protocol: d.protocol === "UDP" || d.protocol === "TLS" ? d.protocol : "TCP",
    host: d.host,
    port: String(d.port),
    format: d.format === "LEEF" || d.format === "JSON" ? d.format : "CEF",
    caCert: d.caCert ?? "",
    clientCert: d.clientCert ?? "",
    clientKey: "",
  };
}

/** The destination's state in words: delivering, a backlog of N events, or failing since when and why. */
function State({ d, head }: { d: DestinationView; head: bigint }) {
  const backlog = head > d.cursorSeq ? head - d.cursorSeq : 0n;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        {d.failingSince ? (
          <Badge tone="red">Failing</Badge>
        ) : backlog > 0n ? (
          <Badge tone="amber">Backlog</Badge>
        ) : (
          <Badge tone="green">Delivering</Badge>
        )}
        <span>
          {d.failingSince ? (
            <>
              Failing since <LocalTime iso={d.failingSince.toISOString()} />
              {backlog > 0n ? `, backlog of ${count(backlog)} event${backlog === 1n ? "" : "s"}` : ""}.
            </>
          ) : backlog > 0n ? (
            `Backlog of ${count(backlog)} event${backlog === 1n ? "" : "s"}.`
          ) : (
            <>
              Delivering: every event sent
              {d.deliveredAt ? (
                <>
                  {" "}
                  (last at <LocalTime iso={d.deliveredAt.toISOString()} />)
                </>
              ) : null}
              .
            </>
          )}
        </span>
      </p>
      {d.failingSince && d.lastError ? <p className="text-red-700 dark:text-red-400">{d.lastError}</p> : null}
      {d.overflowAt && d.overflowFromSeq !== null && d.overflowToSeq !== null ? (
        <Notice tone="warning" role="alert" title="Backlog overflow">
          On <LocalTime iso={d.overflowAt.toISOString()} />, events #{String(d.overflowFromSeq)}–#{String(d.overflowToSeq)} (
          {count(d.overflowToSeq - d.overflowFromSeq + 1n)}) were not sent: the backlog passed its limit. They remain in the Audit
          Log and in its export.
        </Notice>
      ) : null}
    </div>
  );
}

export default async function AuditForwardingPage() {
  const user = await requireUser();
  const canEdit = user.role === "ADMIN";
  const [destinations, settings, head] = await Promise.all([listDestinations(), getAuditSettings(), chainHeadSeq()]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit Forwarding"
        description="Every audit event is sent over syslog to the site's SIEM, in order and at least once, each message with the event's ID and chain hash so a receiver can drop repeats and prove the console's copy."
        actions={canEdit ? <AddDestinationButton full={destinations.length >= MAX_DESTINATIONS} /> : null}
      />
      {!canEdit ? (
        <Notice tone="info" title="Read only">
          Only administrators can change where the audit trail is sent.
        </Notice>
      ) : null}
      <section aria-labelledby="destinations-heading" className="flex flex-col gap-3">
        <h2 id="destinations-heading" className="text-base font-semibold">
          Destinations ({destinations.length} of {MAX_DESTINATIONS})
        </h2>
        {destinations.length === 0 ? (
          <Card>
            <EmptyState
              icon={<SettingsIcon className="size-5" />}
              title="No destinations"
              description="The audit trail stays on this console. Add the SIEM's syslog receiver to send it there too."
            />
          </Card>
        ) : (
          <ul className="flex flex-col gap-3">
            {destinations.map((d) => (
              <li key={d.id}>
                <Card className="flex flex-col gap-3 p-4 sm:p-5">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-semibold break-all">{d.name}</h3>
                    <p className="font-mono text-[13px] break-all text-zinc-700 dark:text-zinc-300">
                      {d.protocol} {d.host}:{d.port} · {d.format}
                    </p>
                  </div>
                  <State d={d} head={head} />
                  {canEdit ? (
                    <DestinationActions id={d.id} name={d.name} hasClientKey={d.hasClientKey} values={formValues(d)} />
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="audit-settings-heading">
        <Card className="flex flex-col gap-4 p-5 sm:p-6">
          <h2 id="audit-settings-heading" className="text-base font-semibold">
            Syslog identity, backlog and retention
          </h2>
          <AuditSettingsForm
            canEdit={canEdit}
            initial={{
              hostname: settings.hostname ?? "",
              appName: settings.appName ?? "",
              backlogMaxEvents: String(settings.backlogMaxEvents),
              backlogMaxDays: String(settings.backlogMaxDays),
              retentionDays: settings.retentionDays === null ? "" : String(settings.retentionDays),
            }}
          />
        </Card>
      </section>
    </div>
  );
}
