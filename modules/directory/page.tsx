import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { getLdapSettingsView, OPENLDAP_USER_FILTER } from "@console/server/directory";
import { LdapForm } from "./components/ldap-form";

export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage() {
  const user = await requireUser();
  const header = (
    <PageHeader
      title="Directory"
      description="Administrators from the site's directory: LDAP or Active Directory users sign in with their own password; their group gives their role."
    />
  );
  if (user.role !== "ADMIN") {
    return (
      <div className="flex max-w-3xl flex-col gap-6">
        {header}
        <Notice tone="info">Only administrators can see and change the directory settings.</Notice>
      </div>
    );
  }
  const view = await getLdapSettingsView();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      {header}
      <Card className="p-5 sm:p-6">
        <h2 className="mb-4 text-base font-semibold">LDAP / Active Directory</h2>
        <LdapForm
          initial={{
            serverUrl: view?.serverUrl ?? "",
            startTls: view?.startTls ?? false,
            caCert: view?.caCert ?? "",
            bindDn: view?.bindDn ?? "",
            bindPassword: "",
            userBase: view?.userBase ?? "",
            userFilter: view?.userFilter ?? OPENLDAP_USER_FILTER,
            adminGroup: view?.adminGroup ?? "",
            viewerGroup: view?.viewerGroup ?? "",
            localAdminsOnly: view?.localAdminsOnly ?? false,
          }}
          hasBindPassword={view?.hasBindPassword ?? false}
        />
        <p className="mt-5 text-[13px] text-zinc-500 dark:text-zinc-400">
          {view?.updatedAt ? (
            <>
              Last changed by {view.updatedByName ?? "an administrator"} on <LocalTime iso={view.updatedAt.toISOString()} />.
            </>
          ) : (
            "Not set up: only local users sign in."
          )}
        </p>
      </Card>
    </div>
  );
}
