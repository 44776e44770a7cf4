import type { BadgeTone } from "@/components/ui/badge";
import type { TokenStatus } from "@/lib/tokens/status";

/** The badge colour of each status, wherever a token's status is shown. */
export const STATUS_TONES: Record<TokenStatus, BadgeTone> = {
  active: "green",
  expiring: "amber",
  expired: "red",
  revoked: "zinc",
};
