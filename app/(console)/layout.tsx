export { default } from "@/modules/shell/layout";
