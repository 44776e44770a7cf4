import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { headers } from "next/headers";
import { requireUser } from "@/lib/next/session";
import { consoleOrigin, getLdapSettingsView, getOidcSettingsView, OPENLDAP_USER_FILTER } from "@console/server/directory";
import { LdapForm } from "./components/ldap-form";
import { OidcForm } from "./components/oidc-form";
import { RemoveSettings } from "./components/remove-settings";
import { OIDC_CALLBACK_PATH } from "./shared/oidc-schema";

export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage() {
  const user = await requireUser();
  const header = (
    <PageHeader
      title="Directory"
      description="Administrators from the site's directory: LDAP or Active Directory users sign in with their own password, OpenID Connect users at their provider; their group gives their role."
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
  const [view, oidc, requestHeaders] = await Promise.all([getLdapSettingsView(), getOidcSettingsView(), headers()]);
  const redirectUri = `${consoleOrigin((name) => requestHeaders.get(name))}${OIDC_CALLBACK_PATH}`;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      {header}
      <Card className="p-5 sm:p-6">
        <section aria-labelledby="ldap-heading">
          <h2 id="ldap-heading" className="mb-4 text-base font-semibold">
            LDAP / Active Directory
          </h2>
          <LdapForm
            configured={view !== null}
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
              "Not set up."
            )}
          </p>
          {view ? (
            <div className="mt-4">
              <RemoveSettings kind="ldap" />
            </div>
          ) : null}
        </section>
      </Card>
      <Card className="p-5 sm:p-6">
        <section aria-labelledby="oidc-heading">
          <h2 id="oidc-heading" className="mb-2 text-base font-semibold">
            OpenID Connect
          </h2>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            Register the console at the provider as a confidential client (authorization code flow) with this redirect URI:{" "}
            <code className="break-all rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] dark:bg-zinc-800">
              {redirectUri}
            </code>
          </p>
          <OidcForm
            configured={oidc !== null}
            initial={{
              issuerUrl: oidc?.issuerUrl ?? "",
              clientId: oidc?.clientId ?? "",
              clientSecret: "",
              groupsClaim: oidc?.groupsClaim ?? "groups",
              adminGroup: oidc?.adminGroup ?? "",
              viewerGroup: oidc?.viewerGroup ?? "",
              buttonLabel: oidc?.buttonLabel ?? "",
            }}
            hasClientSecret={oidc?.hasClientSecret ?? false}
          />
          <p className="mt-5 text-[13px] text-zinc-500 dark:text-zinc-400">
            {oidc?.updatedAt ? (
              <>
                Last changed by {oidc.updatedByName ?? "an administrator"} on <LocalTime iso={oidc.updatedAt.toISOString()} />.
              </>
            ) : (
              "Not set up."
            )}
          </p>
          {oidc ? (
            <div className="mt-4">
              <RemoveSettings kind="oidc" />
            </div>
          ) : null}
        </section>
      </Card>
    </div>
  );
}
