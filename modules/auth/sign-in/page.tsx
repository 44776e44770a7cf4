import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { KeyIcon } from "@/components/ui/icons";
import { getCurrentUser } from "@/lib/next/session";
import { safeCallbackUrl } from "@/modules/auth/shared/safe-callback-url";
import { oidcButtonLabel } from "@console/server/directory";
import { OidcSignIn } from "./components/oidc-sign-in";
import { SignInForm } from "./components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string | string[] }>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  // Without a database the local form says so on its own; the provider's button waits for it.
  const oidcLabel = await oidcButtonLabel().catch(() => null);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <span className="flex size-10 items-center justify-center rounded-lg bg-accent text-white">
            <KeyIcon className="size-5" />
          </span>
          <div>
            <h1 className="text-xl font-semibold tracking-tight">Sign in to the console</h1>
            <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Use the account your administrator gave you.</p>
          </div>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
          <SignInForm callbackUrl={callbackUrl} returnedError={typeof params.error === "string" ? params.error : null} />
          <OidcSignIn label={oidcLabel} callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
