import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Every unknown address, and every page that calls notFound(). Rendered per request like every other
 * page (connection()), never prerendered at build time: only then does Next.js put the request's script
 * nonce (proxy.ts) on its scripts, which the Content-Security-Policy demands.
 */
export default async function NotFoundPage() {
  await connection();
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm text-center">
        <h1 className="text-xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">There is no page at this address in the console.</p>
        <Link href="/" className={`${buttonClasses({ variant: "primary" })} mt-6`}>
          Go to the console
        </Link>
      </div>
    </main>
  );
}
