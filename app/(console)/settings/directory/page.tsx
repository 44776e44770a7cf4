export { default, metadata } from "@/modules/directory/page";
