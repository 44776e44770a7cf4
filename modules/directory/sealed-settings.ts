// What the LDAP and the OpenID Connect settings share: a write-only secret (kept when none is typed),
// checked with the form's own rules, and saved or removed together with an audit event that never
// carries the secret.
import "server-only";
import type { z, ZodType } from "zod";
import { fieldErrorsOf } from "@/lib/action-result";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db, type Tx } from "@/lib/db/db";

export class DirectoryInputError extends Error {
  override name = "DirectoryInputError";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The form's values checked (its own rules first; `serverProblems` fill the fields those left alone), and
 * the secret: the typed one, else the stored one; throws DirectoryInputError.
 */
export async function checkSettings<S extends ZodType>({
  schema,
  input,
  secret,
  storedSecret,
  missingSecret,
  serverProblems = {},
}: {
  schema: S;
  input: unknown;
  /** What was typed in the secret's field: empty keeps the stored one. */
  secret: { key: string; typed: string };
  storedSecret: () => Promise<string | undefined>;
  /** Said beside the secret's field when none is typed and none is stored. */
  missingSecret: string;
  serverProblems?: Record<string, string>;
}): Promise<{ values: z.output<S>; secret: string }> {
  const parsed = schema.safeParse(input);
  const problems: Record<string, string> = { ...serverProblems, ...(parsed.success ? {} : fieldErrorsOf(parsed.error)) };
  let value = secret.typed;
  if (!value) {
    value = (await storedSecret()) ?? "";
    if (!value && !(secret.key in problems)) problems[secret.key] = missingSecret;
  }
  if (!parsed.success || Object.keys(problems).length > 0)
    throw new DirectoryInputError("Check the highlighted fields.", problems);
  return { values: parsed.data, secret: value };
}

type Caller = { actor: SessionUser; meta: RequestMeta };

function byUser({ actor, meta }: Caller) {
  return { actorType: "user", actorId: actor.id, actorName: actor.username, outcome: "success", meta } as const;
}

/** Writes the settings (`upsert`) and the audit event `directory.settings_update` in one transaction. */
export async function saveAudited(
  upsert: (tx: Tx) => Promise<unknown>,
  caller: Caller,
  details: Record<string, string | boolean | null>,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await upsert(tx);
    await recordAuditEvent({ ...byUser(caller), action: "directory.settings_update", details }, tx);
  });
}

/** Deletes the settings and records `directory.settings_remove`; false when there were none. */
export async function removeAudited(
  kind: "ldap" | "oidc",
  deleteAll: (tx: Tx) => Promise<{ count: number }>,
  caller: Caller,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await deleteAll(tx);
    if (count === 0) return false;
    await recordAuditEvent({ ...byUser(caller), action: "directory.settings_remove", details: { kind } }, tx);
    return true;
  });
}
