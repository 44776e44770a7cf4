import { requireUser } from "@/lib/server/auth";
export default async function ServiceTokensPage() {
  await requireUser();
  return <h1 className="text-2xl font-semibold">Service Tokens</h1>;
}
