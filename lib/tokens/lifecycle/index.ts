// Token lifecycle (rotation, lifetime policy, revoke reasons, description, allowed addresses). Pure
// and browser-safe.
export * from "./cidr";
export * from "./policy";
export * from "./rotation";
export * from "./schemas";
