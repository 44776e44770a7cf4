// Browser-safe barrel. Generation, hashing, the checksum and parsing use node:crypto and node:zlib:
// import them from "./server".
export * from "./base62";
export * from "./expiry";
export * from "./status";
export * from "./format";
export * from "./hint";
export * from "./create-schema";
export * from "./text";
export * from "./details";
export * from "./revoke-reason";
export * from "./policy-schema";
export * from "./list-view";
export * from "./list-cursor";
export * from "./list-params";
export * from "./ip-addresses";
export * from "./policy";
export * from "./rotation";
