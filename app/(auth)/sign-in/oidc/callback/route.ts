export { callbackRoute as GET } from "@/modules/auth/sign-in/oidc/route";
