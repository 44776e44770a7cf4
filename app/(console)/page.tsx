import { redirect } from "next/navigation";
import { requireUser } from "@/lib/server/auth/require-user";

export default async function ConsoleHome() {
  await requireUser();
  redirect("/settings/service-tokens");
}
