// What other features may use of Settings > Directory: the sign-in page links to OpenID Connect's start.
export { OIDC_START_PATH } from "./shared/oidc-schema";
