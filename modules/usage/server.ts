// @console/server/usage: API usage per token, as the Bearer API records it, the process runs its
// background work and pages read it.
import "server-only";

export { recordApiUsage } from "./recording";
export type { UsageOutcome } from "./shared/outcomes";
export { usageWork } from "./background";
export {
  busiestTokens,
  clientAddressesOf,
  usageOfAllTokens,
  usageOfToken,
  type BusyToken,
  type ClientAddressView,
} from "./queries";
