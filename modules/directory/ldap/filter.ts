// The User filter with the typed username in it. The value is escaped by ldapts (RFC 4515: `*`, `(`,
// `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`), so a username can never add a clause or a
// wildcard to the filter, whatever the administrator's template looks like.
import { Filter, FilterParser } from "ldapts";

const USERNAME_PLACEHOLDER = "{username}";
export const AD_USER_FILTER = "(sAMAccountName={username})";
export const OPENLDAP_USER_FILTER = "(uid={username})";

/** Why a User filter cannot be used, in the administrator's words; null when it can. */
export function userFilterProblem(template: string): string | null {
  if (!template.includes(USERNAME_PLACEHOLDER))
    return `The user filter must contain ${USERNAME_PLACEHOLDER}, e.g. ${OPENLDAP_USER_FILTER}.`;
  try {
    FilterParser.parseString(userFilterFor(template, "x"));
  } catch {
    return `The user filter is not a valid LDAP filter, e.g. ${OPENLDAP_USER_FILTER}.`;
  }
  return null;
}

export function userFilterFor(template: string, username: string): string {
  return template.split(USERNAME_PLACEHOLDER).join(Filter.escape(username));
}
