// Checks an audit hash chain, from the database or from an export file, and names the first event that
// was changed, deleted or inserted. Pure: it reads records in seq order from any source.
import "server-only";
import { auditEventHash, GENESIS_HASH, type ChainFields } from "./chain";

export type ChainRecord = ChainFields & { hash: string | null };

/** A point the chain is known to have passed: the event at `seq` had `hash` (a signed checkpoint). */
type ChainAnchor = { seq: bigint; hash: string };

type ChainProblem = {
  kind: "changed" | "deleted" | "inserted" | "unsealed";
  /** The first event concerned. */
  seq: bigint;
  id: string | null;
  message: string;
};

export type ChainReport = {
  ok: boolean;
  count: number;
  firstSeq: bigint | null;
  lastSeq: bigint | null;
  lastHash: string | null;
  problem: ChainProblem | null;
};

export type VerifyOptions = {
  /**
   * Where the chain starts: "genesis" (seq 1 after the genesis hash), an anchor (a pruning checkpoint:
   * the first event follows it), or "first" (an export: the first record's own link is taken as given).
   */
  start: "genesis" | "first" | ChainAnchor;
  /** Gaps in seq are expected (a filtered export): links are checked only between neighbours. */
  allowGaps?: boolean;
  /** Signed checkpoints inside or after the range: each event there must still have that hash. */
  anchors?: readonly ChainAnchor[];
  /** The chain's head as recorded: the last event must be this one. */
  head?: { seq: bigint; hash: string | null };
};

const range = (from: bigint, to: bigint) => (from === to ? `#${from}` : `#${from}–#${to}`);

export async function verifyChain(records: AsyncIterable<ChainRecord>, options: VerifyOptions): Promise<ChainReport> {
  const anchors = new Map((options.anchors ?? []).map((a) => [a.seq, a.hash]));
  let prev: { seq: bigint; hash: string; id: string | null } | null =
    options.start === "first"
      ? null
      : options.start === "genesis"
        ? { seq: 0n, hash: GENESIS_HASH, id: null }
        : { seq: options.start.seq, hash: options.start.hash, id: null };
  let count = 0;
  let firstSeq: bigint | null = null;
  const report = (problem: ChainProblem | null): ChainReport => ({
    ok: problem === null,
    count,
    firstSeq,
    lastSeq: prev?.seq ?? null,
    lastHash: prev?.hash ?? null,
    problem,
  });

  for await (const r of records) {
    const seq = BigInt(r.seq);
    firstSeq ??= seq;
    if (r.hash === null) {
      return report({
        kind: "unsealed",
        seq,
        id: r.id,
        message: `event #${seq} (${r.id}) has no hash yet: start the console once to seal the events recorded before the chain existed`,
      });
    }
    if (auditEventHash(r) !== r.hash) {
      // Renumbered to make room for an inserted event: the stored hash still fits the old seq.
      if (prev && auditEventHash({ ...r, seq: seq - 1n }) === r.hash) {
        return report({
          kind: "inserted",
          seq: prev.seq,
          id: prev.id,
          message: `event #${prev.seq} (${prev.id ?? "?"}) was inserted: the events after it were renumbered`,
        });
      }
      return report({
        kind: "changed",
        seq,
        id: r.id,
        message: `event #${seq} (${r.id}) was changed: it does not match its hash`,
      });
    }
    if (prev === null) {
      // An export's first record: its link to what came before is outside the file.
    } else if (seq <= prev.seq) {
      return report({ kind: "inserted", seq, id: r.id, message: `event #${seq} (${r.id}) is out of order: it was inserted` });
    } else if (seq !== prev.seq + 1n && !options.allowGaps) {
      return report({
        kind: "deleted",
        seq: prev.seq + 1n,
        id: null,
        message: `event${seq - prev.seq > 2n ? "s" : ""} ${range(prev.seq + 1n, seq - 1n)} ${seq - prev.seq > 2n ? "were" : "was"} deleted (the chain goes from #${prev.seq} to #${seq})`,
      });
    } else if (seq === prev.seq + 1n && r.prevHash !== prev.hash) {
      return report({
        kind: prev.id === null ? "deleted" : "changed",
        seq: prev.seq,
        id: prev.id,
        message:
          prev.id === null
            ? `event #${seq} (${r.id}) does not follow the ${options.start === "genesis" ? "start of the chain" : "pruning checkpoint"}: events before it were deleted or replaced`
            : `event #${prev.seq} (${prev.id}) was changed and its hash recomputed: event #${seq} was chained to another hash`,
      });
    }
    const anchored = anchors.get(seq);
    if (anchored !== undefined && anchored !== r.hash) {
      return report({
        kind: "changed",
        seq,
        id: r.id,
        message: `event #${seq} (${r.id}) was changed after a signed checkpoint recorded its hash`,
      });
    }
    prev = { seq, hash: r.hash, id: r.id };
    count++;
  }

  const lastSeq = prev?.seq ?? (options.start === "first" || options.start === "genesis" ? 0n : options.start.seq);
  const expectedLast = [options.head?.seq ?? 0n, ...anchors.keys()].reduce((a, b) => (b > a ? b : a), 0n);
  if (expectedLast > lastSeq) {
    return report({
      kind: "deleted",
      seq: lastSeq + 1n,
      id: null,
      message: `event${expectedLast > lastSeq + 1n ? "s" : ""} ${range(lastSeq + 1n, expectedLast)} ${expectedLast > lastSeq + 1n ? "were" : "was"} deleted from the end of the chain`,
    });
  }
  if (prev && options.head && options.head.seq === prev.seq && options.head.hash !== null && options.head.hash !== prev.hash) {
    return report({
      kind: "changed",
      seq: prev.seq,
      id: prev.id,
      message: `event #${prev.seq} (${prev.id ?? "?"}) was changed: the chain's head recorded another hash`,
    });
  }
  return report(null);
}
