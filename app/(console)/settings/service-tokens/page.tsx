export { default, metadata } from "@/modules/service-tokens/list/page";
