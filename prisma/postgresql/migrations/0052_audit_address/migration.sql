-- The Audit Log's Address filter, exact or by prefix ("10.163."), newest first: text_pattern_ops serves
-- LIKE 'prefix%' whatever the database's collation.
CREATE INDEX "audit_events_ip_seq_idx" ON "audit_events"("ip" text_pattern_ops, "seq");
