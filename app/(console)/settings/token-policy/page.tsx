export { default, metadata } from "@/modules/service-tokens/policy/page";
