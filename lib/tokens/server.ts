// Server barrel: everything in index plus the node:crypto parts (generation and hashing).
export * from "./index";
export * from "./generate";
export * from "./hash";
