// Prisma's SQLite driver adapter, made safe for faults: a full disk and a write lock held by another
// program. Prisma's own @prisma/adapter-better-sqlite3 (which this wraps for its type conversions):
// - takes a mutex and runs BEGIN for a transaction, and releases the mutex only in commit()/rollback();
//   when the COMMIT statement fails (SQLITE_FULL on a full disk), Prisma's transaction manager never
//   calls them, so the mutex stays locked and the SQLite transaction stays open for good: every later
//   transaction waits forever (also after space returns), the open transaction keeps SQLite's write
//   lock from every other program, and writes outside transactions land in it and are never committed;
// - waits out its busy timeout inside better-sqlite3, synchronously: while another program holds the
//   write lock, each write froze the whole process (every request, health included) for the timeout.
// Here the busy timeout is 0 and a busy statement is tried again after an asynchronous pause, up to a
// deadline (lib/db/busy.ts); a transaction starts with BEGIN IMMEDIATE (the write lock first, so nothing
// inside it meets SQLITE_BUSY), and commit() or rollback() always ends it and frees the connection,
// whatever the database answered. Read-only statements outside transactions run on a connection of their
// own: in WAL mode they never wait for a writer, in this process or another. Commits are durable
// (synchronous=FULL) before Prisma reports them.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import { Mutex, withTimeout, type MutexInterface } from "async-mutex";
import Database from "better-sqlite3";
import { DatabaseLockedError, LOCK_WAIT_MS, retryWhileBusy } from "./busy";

const ADAPTER_NAME = "@prisma/adapter-better-sqlite3";

/** One of Prisma's adapters, with the better-sqlite3 connection it runs its statements on. */
type Connection = { adapter: SqlDriverAdapter; sqlite: Database.Database };

async function connect(file: string): Promise<Connection> {
  const adapter = await new PrismaBetterSQLite3({ url: file, timeout: 0 }).connect();
  const sqlite = (adapter as unknown as { client?: unknown }).client;
  // Pinned version (package.json); a change of its internals fails here, at the first query, not silently.
  if (!(sqlite instanceof Database)) throw new Error(`${ADAPTER_NAME} no longer exposes its connection`);
  // better-sqlite3 opens WAL databases with synchronous=NORMAL, under which a power cut can undo the
  // last commits: a revocation, a created token, an upload's row the client was told about. FULL syncs
  // the WAL at every commit.
  sqlite.pragma("synchronous = FULL");
  return { adapter, sqlite };
}

type Options = {
  file: string;
  /** Called with every error a statement, a commit or a rollback met (e.g. to notice a full disk). */
  onError?: (error: unknown) => void;
};

export class SqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;

  constructor(private readonly options: Options) {}

  async connect(): Promise<SqlDriverAdapter> {
    return new SqliteAdapter(await connect(this.options.file), await connect(this.options.file), this.options.onError);
  }
}

/** Statements whose read-only answer is remembered; Prisma sends a few hundred distinct texts. */
const MAX_REMEMBERED_STATEMENTS = 1_000;

class SqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  /** The writer is used by one transaction or one write at a time. */
  private readonly writerLock = new Mutex();
  private readonly readOnly = new Map<string, boolean>();

  constructor(
    private readonly reader: Connection,
    private readonly writer: Connection,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.isReadOnly(query.sql)
      ? this.read(() => this.reader.adapter.queryRaw(query))
      : this.write(() => this.writer.adapter.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.isReadOnly(query.sql)
      ? this.read(() => this.reader.adapter.executeRaw(query))
      : this.write(() => this.writer.adapter.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.write(() => this.writer.adapter.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    }
    const deadline = Date.now() + LOCK_WAIT_MS;
    return this.reported(
      retryWhileBusy(async () => {
        const release = await this.lockWriter(deadline);
        try {
          this.writer.sqlite.exec("BEGIN IMMEDIATE");
        } catch (error) {
          release();
          throw error;
        }
        return new SqliteTransaction(this.writer, release, this.onError);
      }, deadline),
    );
  }

  dispose(): Promise<void> {
    this.reader.sqlite.close();
    this.writer.sqlite.close();
    return Promise.resolve();
  }

  /** SQLite's own answer (sqlite3_stmt_readonly), remembered per statement text. */
  private isReadOnly(sql: string): boolean {
    let readOnly = this.readOnly.get(sql);
    if (readOnly === undefined) {
      try {
        readOnly = this.reader.sqlite.prepare(sql).readonly;
      } catch {
        readOnly = false; // the writer reports the statement's error
      }
      if (this.readOnly.size >= MAX_REMEMBERED_STATEMENTS) this.readOnly.clear();
      this.readOnly.set(sql, readOnly);
    }
    return readOnly;
  }

  private read<T>(run: () => Promise<T>): Promise<T> {
    return this.reported(retryWhileBusy(run));
  }

  private write<T>(run: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    return this.reported(
      retryWhileBusy(async () => {
        const release = await this.lockWriter(deadline);
        try {
          return await run();
        } finally {
          release();
        }
      }, deadline),
    );
  }

  /** The writer, once no transaction or write of this process uses it; DatabaseLockedError past the deadline. */
  private async lockWriter(deadline: number): Promise<MutexInterface.Releaser> {
    const left = Math.max(0, deadline - Date.now());
    const release = await withTimeout(this.writerLock, left, new DatabaseLockedError(LOCK_WAIT_MS)).acquire();
    // Never expected (every transaction ends in commit() or rollback()); a transaction left open would
    // keep the write lock from everyone, so it is closed rather than continued.
    if (this.writer.sqlite.inTransaction) {
      try {
        this.writer.sqlite.exec("ROLLBACK");
      } catch (error) {
        release();
        throw error;
      }
    }
    return release;
  }

  private reported<T>(work: Promise<T>): Promise<T> {
    return work.catch((error: unknown) => {
      this.onError(error);
      throw error;
    });
  }
}

class SqliteTransaction implements Transaction {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  // Prisma then calls commit() and rollback() instead of sending COMMIT and ROLLBACK as statements, so
  // ending the transaction and freeing the writer cannot be separated by a failed statement.
  readonly options: TransactionOptions = { usePhantomQuery: true };
  private ended = false;

  constructor(
    private readonly connection: Connection,
    private readonly release: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    this.checkOpen();
    return this.connection.adapter.queryRaw(query).catch(this.reportAndThrow);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    this.checkOpen();
    return this.connection.adapter.executeRaw(query).catch(this.reportAndThrow);
  }

  async commit(): Promise<void> {
    if (this.ended) return;
    try {
      this.connection.sqlite.exec("COMMIT");
    } catch (error) {
      // E.g. SQLITE_FULL: SQLite may leave the transaction open; nothing of it may stay behind.
      this.rollbackIfOpen();
      this.reportAndThrow(error);
    } finally {
      this.end();
    }
  }

  async rollback(): Promise<void> {
    if (this.ended) return;
    try {
      this.rollbackIfOpen();
    } finally {
      this.end();
    }
  }

  /**
   * SQLite rolls a transaction back by itself after some errors (a full disk among them): a statement
   * after that would run outside any transaction and be committed at once.
   */
  private checkOpen(): void {
    if (this.ended) throw new Error("the transaction has already ended");
    if (!this.connection.sqlite.inTransaction) {
      throw new Error("the database rolled the transaction back after an earlier error");
    }
  }

  private rollbackIfOpen(): void {
    if (!this.connection.sqlite.inTransaction) return;
    try {
      this.connection.sqlite.exec("ROLLBACK");
    } catch (error) {
      this.onError(error);
    }
  }

  private end(): void {
    this.ended = true;
    this.release();
  }

  private readonly reportAndThrow = (error: unknown): never => {
    this.onError(error);
    throw error;
  };
}
