import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import {
  getNotificationSettings,
  listWebhooks,
  recentDeliveries,
  type DeliveryView,
  type WebhookView,
} from "@console/server/notifications";
import { AddWebhookButton, WebhookActions } from "./components/webhook-actions";
import { MAX_WEBHOOKS } from "./shared/webhook-schema";
import { EmailForm } from "./components/email-form";
import { WhenForm } from "./components/when-form";

export const metadata: Metadata = { title: "Notifications" };

const STATE: Record<string, { tone: "green" | "amber" | "red" | "zinc"; label: string }> = {
  sent: { tone: "green", label: "Sent" },
  pending: { tone: "amber", label: "Retrying" },
  held: { tone: "zinc", label: "In next digest" },
  failed: { tone: "red", label: "Failed" },
};

function Deliveries({ rows, label, http = false }: { rows: DeliveryView[]; label: string; http?: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing sent yet.</p>;
  return (
    // Focusable so a keyboard can scroll it on a narrow screen.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}, newest first</caption>
        <thead className="text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Time
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Event
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              State
            </th>
            {http ? (
              <th scope="col" className="py-2 pr-4 font-medium">
                HTTP status
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4 font-medium">
              Attempt
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Next retry
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const state = STATE[r.state] ?? { tone: "zinc" as const, label: r.state };
            return (
              <tr key={r.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                <td className="py-2 pr-4 whitespace-nowrap">
                  <LocalTime iso={(r.lastAttemptAt ?? r.createdAt).toISOString()} />
                </td>
                <td className="py-2 pr-4 font-mono text-[13px]">{r.event}</td>
                <td className="py-2 pr-4">
                  <Badge tone={state.tone}>{state.label}</Badge>
                  {r.lastError && r.state !== "sent" ? (
                    <p className="mt-1 text-red-700 dark:text-red-400">{r.lastError}</p>
                  ) : null}
                </td>
                {http ? <td className="py-2 pr-4">{r.lastStatus ?? "—"}</td> : null}
                <td className="py-2 pr-4">{r.attempts}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {r.nextAttemptAt ? <LocalTime iso={r.nextAttemptAt.toISOString()} /> : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Webhook({ w, log, canEdit }: { w: WebhookView; log: DeliveryView[]; canEdit: boolean }) {
  return (
    <Card className="flex flex-col gap-3 p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-mono text-[13px] font-semibold break-all">{w.url}</h3>
        {w.state === "disabled" ? <Badge tone="red">Disabled: answered 410 Gone</Badge> : <Badge tone="green">Active</Badge>}
      </div>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">Events: {w.events.join(", ")}</p>
      {canEdit ? <WebhookActions id={w.id} values={{ url: w.url, events: w.events }} /> : null}
      <Deliveries rows={log} label={`Deliveries to ${w.url}`} http />
    </Card>
  );
}

export default async function NotificationsPage() {
  const user = await requireUser();
  const canEdit = user.role === "ADMIN";
  const [settings, emails, webhooks] = await Promise.all([
    getNotificationSettings(),
    recentDeliveries({ email: true }),
    listWebhooks(),
  ]);
  const logs = await Promise.all(webhooks.map((w) => recentDeliveries({ webhookId: w.id })));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Notifications"
        description="Warns the people who run an integration before its token expires: by email through the site's relay, at each threshold once."
      />
      {!canEdit ? (
        <Notice tone="info" title="Read only">
          Only administrators can change notifications.
        </Notice>
      ) : null}
      <section aria-labelledby="email-heading">
        <Card className="flex flex-col gap-4 p-5 sm:p-6">
          <h2 id="email-heading" className="text-base font-semibold">
            Email
          </h2>
          <EmailForm
            canEdit={canEdit}
            hasPassword={settings.hasPassword}
            initial={{
              smtpHost: settings.smtpHost ?? "",
              smtpPort: settings.smtpPort === null ? "" : String(settings.smtpPort),
              security: settings.security,
              username: settings.smtpUsername ?? "",
              from: settings.mailFrom ?? "",
              recipients: settings.recipients.join("\n"),
            }}
          />
        </Card>
      </section>
      <section aria-labelledby="webhooks-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="webhooks-heading" className="text-base font-semibold">
            Webhooks ({webhooks.length} of {MAX_WEBHOOKS})
          </h2>
          {canEdit ? <AddWebhookButton full={webhooks.length >= MAX_WEBHOOKS} /> : null}
        </div>
        {webhooks.length === 0 ? (
          <Card className="p-5 text-sm text-zinc-600 dark:text-zinc-400">
            No webhooks. Add one to send each event, signed, to the site&apos;s automation.
          </Card>
        ) : (
          <ul className="flex flex-col gap-3">
            {webhooks.map((w, i) => (
              <li key={w.id}>
                <Webhook w={w} log={logs[i] ?? []} canEdit={canEdit} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="when-heading">
        <Card className="flex flex-col gap-4 p-5 sm:p-6">
          <h2 id="when-heading" className="text-base font-semibold">
            When
          </h2>
          <WhenForm
            canEdit={canEdit}
            initial={{
              warnDays: settings.warnDays.join(", "),
              dailyDigest: settings.dailyDigest,
              consoleUrl: settings.consoleUrl ?? "",
            }}
          />
        </Card>
      </section>
      <section aria-labelledby="emails-heading">
        <Card className="flex flex-col gap-4 p-5 sm:p-6">
          <h2 id="emails-heading" className="text-base font-semibold">
            Recent emails
          </h2>
          <Deliveries rows={emails} label="The last 100 emails" />
        </Card>
      </section>
    </div>
  );
}
