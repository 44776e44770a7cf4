import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { listUserRows } from "@console/server/users";
import { AddUserButton } from "./components/add-user-button";
import { UserActions } from "./components/user-actions";
import { USER_ROLE_LABELS, USER_SOURCE_LABELS } from "./shared/user-schema";

export const metadata: Metadata = { title: "Users" };

const COLUMNS = ["Username", "Name", "Role", "Source", "Last sign-in", "Status"] as const;

export default async function UsersPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") {
    return (
      <div className="flex max-w-5xl flex-col gap-6">
        <PageHeader title="Users" description="Who may sign in to the console, and with which role." />
        <Notice tone="info">Only administrators can see and manage users.</Notice>
      </div>
    );
  }
  const rows = await listUserRows();
  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <PageHeader
        title="Users"
        description="Who may sign in to the console, and with which role. Users from the directory are added at their first sign-in."
        actions={<AddUserButton />}
      />
      <Card className="p-0">
        {/* Focusable so a keyboard can scroll it on a narrow screen. */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Users (scrolls sideways)">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Users, by username</caption>
            <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className="px-4 py-2 font-medium">
                    {column}
                  </th>
                ))}
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60">
                  <th scope="row" className="px-4 py-3 font-mono text-[13px] font-normal whitespace-nowrap">
                    {row.username}
                  </th>
                  <td className="px-4 py-3">{row.displayName}</td>
                  <td className="px-4 py-3">{USER_ROLE_LABELS[row.role]}</td>
                  <td className="px-4 py-3">{USER_SOURCE_LABELS[row.source]}</td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    {row.lastSignInAt ? <LocalTime iso={row.lastSignInAt.toISOString()} stacked /> : "Never"}
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={row.disabled ? "red" : "green"}>{row.disabled ? "Disabled" : "Active"}</Badge>
                  </td>
                  <td className="max-w-64 px-4 py-3 text-right">
                    <UserActions
                      target={{
                        id: row.id,
                        username: row.username,
                        role: row.role,
                        local: row.source === "LOCAL",
                        disabled: row.disabled,
                        self: row.id === user.id,
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
