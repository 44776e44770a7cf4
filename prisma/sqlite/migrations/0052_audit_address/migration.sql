-- The Audit Log's Address filter, exact or by prefix ("10.163."), newest first: a range of the index.
CREATE INDEX "audit_events_ip_seq_idx" ON "audit_events"("ip", "seq");
