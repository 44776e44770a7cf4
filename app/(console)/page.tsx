export { default, metadata } from "@/modules/overview/page";
