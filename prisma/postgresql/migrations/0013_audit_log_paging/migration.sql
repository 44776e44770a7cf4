-- The Audit Log pages by seq (keyset, newest first) at any size: each filter reads its own index in seq
-- order and stops after a page. A time range becomes a seq range through the createdAt index (times
-- never go backwards along the chain). The createdAt-ordered indexes they replace go.
DROP INDEX "audit_events_action_actorName_createdAt_idx";
DROP INDEX "audit_events_targetId_createdAt_idx";
DROP INDEX "audit_events_actorId_createdAt_idx";
DROP INDEX "audit_events_actorName_createdAt_idx";
DROP INDEX "audit_events_outcome_createdAt_idx";
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events"("action", "seq");
CREATE INDEX "audit_events_targetId_seq_idx" ON "audit_events"("targetId", "seq");
CREATE INDEX "audit_events_actorId_seq_idx" ON "audit_events"("actorId", "seq");
CREATE INDEX "audit_events_actorName_seq_idx" ON "audit_events"("actorName", "seq");
CREATE INDEX "audit_events_outcome_seq_idx" ON "audit_events"("outcome", "seq");
