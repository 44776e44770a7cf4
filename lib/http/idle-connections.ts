// Closes connections on which nothing moves for the idle timeout while they carry a request (a stalled
// upload, a client that stopped reading its answer, headers that stopped arriving), as Node's
// `server.timeout` does, without its cost: Node arms that timeout again for every request on a
// keep-alive connection, a new timer each time, about a microsecond of the Bearer API's CPU time per
// request (bench/README.md, "The honest baseline"). Here one sweep a second compares each connection's
// byte counts with the last sweep's. Between requests on a keep-alive connection, Node's own
// keepAliveTimeout and headersTimeout apply, as before.
import "server-only";
import type { Server } from "node:http";
import type { Socket } from "node:net";

type Seen = { read: number; written: number; since: number };

/** Node's ServerResponse on the socket while it carries a request (set on its arrival, cleared when answered). */
const carriesRequest = (socket: Socket) => (socket as Socket & { _httpMessage?: unknown })._httpMessage != null;

/**
 * Watches `server`'s connections: one is destroyed once its bytes read and written have not changed for
 * `idleMs` while it carries a request, or before its first answer. Returns a stop function.
 */
export function closeIdleConnections(
  server: Server,
  idleMs: number,
  { sweepMs = Math.min(1_000, Math.max(50, Math.floor(idleMs / 4))), now = () => performance.now() } = {},
): () => void {
  const connections = new Map<Socket, Seen>();
  const onConnection = (socket: Socket) => {
    connections.set(socket, { read: 0, written: 0, since: now() });
    socket.once("close", () => connections.delete(socket));
  };
  server.on("connection", onConnection);
  const timer = setInterval(() => {
    const t = now();
    for (const [socket, seen] of connections) {
      const read = socket.bytesRead;
      const written = socket.bytesWritten;
      // A keep-alive connection between requests (answered before, no request now) is Node's to close.
      const watched = carriesRequest(socket) || written === 0;
      if (!watched || read !== seen.read || written !== seen.written) {
        seen.read = read;
        seen.written = written;
        seen.since = t;
      } else if (t - seen.since >= idleMs) {
        connections.delete(socket);
        socket.destroy();
      }
    }
  }, sweepMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off("connection", onConnection);
  };
}
