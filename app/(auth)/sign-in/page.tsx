export { default, metadata } from "@/modules/auth/sign-in/page";
