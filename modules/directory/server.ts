// @console/server/directory: Settings > Directory's data layer, and directory sign-in for modules/auth.
import "server-only";

export { authenticateLdap, type LdapResult } from "./ldap/ldap";
export { AD_USER_FILTER, OPENLDAP_USER_FILTER } from "./ldap/filter";
export { DirectoryInputError } from "./sealed-settings";
export {
  getLdapSettingsView,
  localSignInLimitedToAdmins,
  removeLdapSettings,
  resolveLdapSettings,
  saveLdapSettings,
  type LdapSettingsView,
} from "./settings";
export { signInWithDirectory, type DirectorySignIn } from "./sign-in";
export { recheckDirectorySession } from "./recheck";
export {
  getOidcSettingsView,
  oidcButtonLabel,
  removeOidcSettings,
  saveOidcSettings,
  type OidcSettingsView,
} from "./oidc/settings";
export { beginOidcSignIn, completeOidcSignIn, OIDC_FLOW_SECONDS, type OidcSignIn, type OidcStart } from "./oidc/sign-in";
export { consoleOrigin } from "./oidc/origin";
