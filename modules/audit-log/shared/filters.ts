// The Audit Log's filters as they appear in the URL (the page, its paging links and Export share them).
// Unknown or malformed values fall back to "any", so a stale bookmark still opens.

export type AuditFilters = {
  action?: string;
  outcome?: "success" | "failure";
  /** A username or a token ID: the actor's name or ID, exactly. */
  actor?: string;
  /** A token's public ID: events about it (its target) or by it (its actor). */
  token?: string;
  /** A client address, or its start ("10.163."): events from addresses that start with it. */
  address?: string;
  /** Calendar days in UTC, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
};

type Raw = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined): string | undefined {
  if (!value || !DAY.test(value)) return undefined;
  const t = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isNaN(t) || new Date(t).getUTCFullYear() < 1970 || new Date(t).getUTCFullYear() > 9999 ? undefined : value;
}

/**
 * `isKnownAction`: the catalogue's isAuditAction; `addressPrefix`: lib/tokens' addressPrefixOf (passed in:
 * this file stays plain values).
 */
export function parseAuditFilters(
  raw: Raw,
  isKnownAction: (action: string) => boolean,
  addressPrefix: (text: string) => string | null,
): AuditFilters {
  const action = one(raw.action);
  return {
    action: action && isKnownAction(action) ? action : undefined,
    outcome: (["success", "failure"] as const).find((o) => o === one(raw.outcome)),
    actor: one(raw.actor)?.trim().slice(0, 100) || undefined,
    token: one(raw.token)?.trim().slice(0, 40) || undefined,
    address: addressPrefix(one(raw.address) ?? "") ?? undefined,
    from: day(one(raw.from)),
    to: day(one(raw.to)),
  };
}

/** The filters' parameters in the order of the page's form, which is the order a GET form sends them in. */
const PARAMS = [
  "action",
  "actor",
  "token",
  "address",
  "from",
  "to",
  "outcome",
] as const satisfies readonly (keyof AuditFilters)[];

/** The filters as URL parameters (empty ones left out), in the form's order. */
export function filterParams(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(PARAMS.flatMap((key) => (filters[key] ? [[key, filters[key]]] : [])));
}

/** The time range as instants: from the start of `from` to the end of `to` (UTC). */
export function timeRange(filters: AuditFilters): { since?: Date; until?: Date } {
  return {
    since: filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : undefined,
    until: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000) : undefined,
  };
}
