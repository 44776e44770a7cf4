"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok, userAction } from "@/lib/next/action";
import { identifyServiceToken } from "@/modules/service-tokens/identify/identify";
import { createServiceToken, revokeServiceToken } from "@/modules/service-tokens/create/create";
import { isPublicId, type TokenStatus, type TokenType } from "@/lib/tokens";
import { createServiceTokenWithDetailsSchema, revokeReasonSchema } from "@/lib/tokens";
import { TokenPolicyError } from "@/modules/service-tokens/policy/policy";

const PAGE = "/settings/service-tokens";

export type CreatedServiceToken = {
  /** The plaintext, returned this once and never stored. */
  token: string;
  publicId: string;
  type: TokenType;
  issuedTo: string;
  expiresAt: string;
};

export const createServiceTokenAction = adminAction(
  {
    name: "createServiceTokenAction",
    input: createServiceTokenWithDetailsSchema,
    invalidMessage: "Check the highlighted fields.",
  },
  async (values, { user, meta }) => {
    let created;
    try {
      created = await createServiceToken(values, user, meta);
    } catch (error) {
      // The token policy limits the expiration: shown at the expiration field.
      if (error instanceof TokenPolicyError) return fail("invalid_input", error.message, { expiration: error.message });
      throw error;
    }
    const { token, serviceToken } = created;
    revalidatePath(PAGE, "layout"); // the list and the token pages under it
    return ok<CreatedServiceToken>({
      token,
      publicId: serviceToken.publicId,
      type: serviceToken.type,
      issuedTo: serviceToken.issuedTo,
      expiresAt: serviceToken.expiresAt.toISOString(),
    });
  },
);

// The reason is optional: the confirmation offers it, older clients send none.
const revokeSchema = z.intersection(
  z.object({ publicId: z.string().refine(isPublicId, "That is not a service token ID.") }),
  revokeReasonSchema,
);

export const revokeServiceTokenAction = adminAction(
  { name: "revokeServiceTokenAction", input: revokeSchema },
  async ({ publicId, reason, reasonText }, { user, meta }) => {
    const result = await revokeServiceToken(publicId, user, meta, { reason, reasonText });
    if (!result.ok) return fail("not_found", "That service token does not exist.");
    revalidatePath(PAGE, "layout"); // the list and the token pages under it
    return ok({ publicId: result.serviceToken.publicId, alreadyRevoked: result.alreadyRevoked });
  },
);

/** What "Identify a token" shows: never the value that was pasted. */
export type IdentifyAnswer =
  | { kind: "malformed"; message: string }
  | { kind: "unknown"; hint: string }
  | {
      kind: "known";
      hint: string;
      token: {
        publicId: string;
        type: TokenType;
        issuedTo: string;
        status: TokenStatus;
        lastUsedAt: string | null;
        lastUsedIp: string | null;
      };
    };

const MALFORMED_MESSAGES = {
  wrong_prefix: "This is not a token of this console: it does not start with opc_con_ or opc_dev_.",
  wrong_length: "This is not a token of this console: a token is 57 characters long.",
  wrong_alphabet: "This is not a token of this console: a token has only letters and digits after its prefix.",
  bad_checksum: "This is not a token of this console: its checksum does not match (mistyped, cut or made up).",
} as const;

const identifySchema = z.object({
  token: z.string().min(1, "Paste the value to identify.").max(1000, "That is too long to be a token."),
});

/** Administrators and viewers: is this string one of our tokens, and which? Audited by hint only. */
export const identifyServiceTokenAction = userAction(
  { name: "identifyServiceTokenAction", input: identifySchema },
  async ({ token }, { user, meta }) => {
    const answer = await identifyServiceToken(token, { actorType: "user", actorId: user.id, actorName: user.username }, meta);
    if (answer.limited)
      return fail("rate_limited", `Too many lookups in a minute. Try again in ${answer.retryAfterSeconds} seconds.`);
    const { result } = answer;
    if (result.kind === "malformed") return ok<IdentifyAnswer>({ kind: "malformed", message: MALFORMED_MESSAGES[result.reason] });
    if (result.kind === "unknown") return ok<IdentifyAnswer>({ kind: "unknown", hint: result.hint });
    const t = result.token;
    return ok<IdentifyAnswer>({
      kind: "known",
      hint: result.hint,
      token: {
        publicId: t.publicId,
        type: t.type,
        issuedTo: t.issuedTo,
        status: result.status,
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        lastUsedIp: t.lastUsedIp,
      },
    });
  },
);
