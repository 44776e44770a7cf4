export { default, metadata } from "@/modules/users/page";
