export { default, generateMetadata } from "@/modules/service-tokens/detail/page";
