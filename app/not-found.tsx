export { default, metadata } from "@/modules/shell/not-found/page";
