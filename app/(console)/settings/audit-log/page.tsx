export { default, metadata } from "@/modules/audit-log/page";
