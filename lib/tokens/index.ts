// Browser-safe barrel. generate.ts and hash.ts use node:crypto: import them from "./server".
export * from "./base62";
export * from "./checksum";
export * from "./crc32";
export * from "./expiry";
export * from "./status";
export * from "./format";
export * from "./hint";
export * from "./parse";
export * from "./create-schema";
export * from "./text";
export * from "./details";
export * from "./revoke-reason";
export * from "./policy-schema";
export * from "./list-view";
export * from "./allowed-addresses";
export * from "./policy";
export * from "./rotation";
