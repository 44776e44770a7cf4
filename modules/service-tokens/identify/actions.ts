"use server";

import { z } from "zod";
import type { TokenStatus, TokenType } from "@/lib/tokens";
import { fail, ok, userAction } from "@/lib/next/action";
import { identifyServiceToken } from "@console/server/service-tokens";

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
