export { GET } from "@/modules/audit-log/export/route";
