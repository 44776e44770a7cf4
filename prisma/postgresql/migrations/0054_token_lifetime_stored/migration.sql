-- Nothing to do on PostgreSQL: migration 0053's "lifetimeMs" is already a STORED generated column, whose
-- index answers "Only over the policy" without reading rows. (SQLite's 0054 makes its column stored too.)
SELECT 1;
