export { default } from "@/components/shell/console-layout";
