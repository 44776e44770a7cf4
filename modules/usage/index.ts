// What other features may use of usage: a token's usage section (its page), and the ranges its URL names.
export { TokenUsage } from "./components/token-usage";
export { UsageChart } from "./components/usage-chart";
export { readUsageRange } from "./shared/outcomes";
