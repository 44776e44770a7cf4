export { default } from "@/modules/service-tokens/detail/components/no-such-token";
