// Server barrel: everything in index plus the parts that need Node: generation and hashing
// (node:crypto), the checksum and parsing (node:zlib's CRC-32).
export * from "./index";
export * from "./generate";
export * from "./hash";
export * from "./checksum";
export * from "./parse";
