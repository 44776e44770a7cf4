export { default, metadata } from "@/modules/audit-forwarding/page";
