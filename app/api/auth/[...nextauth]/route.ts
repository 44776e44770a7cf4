export { GET, POST } from "@/modules/auth/sign-in/route";
