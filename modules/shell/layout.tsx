import type { ReactNode } from "react";
import { ConsoleShell } from "./components/console-shell";
import { requireUser } from "@/lib/next/session";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <ConsoleShell user={user}>{children}</ConsoleShell>;
}
