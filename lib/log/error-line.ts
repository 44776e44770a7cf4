/**
 * What a log line says about an error: the first meaningful line of its message, never the rest (which
 * may quote a query's values). Prisma's messages start with an empty line and "Invalid `prisma.….()`
 * invocation:" before the cause, so those lines are passed over; an error with no text of its own says
 * its cause's.
 */
export function errorLine(error: unknown): string {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    const message = current instanceof Error ? current.message : typeof current === "string" ? current : "";
    const line = message
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "" && !/^Invalid `[^`]*` invocation/.test(l));
    if (line) return line;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.name : String(error);
}
