export { startRoute as GET } from "@/modules/auth/sign-in/oidc/route";
