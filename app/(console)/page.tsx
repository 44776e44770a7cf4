import { redirect } from "next/navigation";
import { requireUser } from "@/lib/next/session";

export default async function ConsoleHome() {
  await requireUser();
  redirect("/settings/service-tokens");
}
