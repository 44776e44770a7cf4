export { default, metadata } from "@/modules/notifications/page";
