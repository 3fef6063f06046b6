-- The search index's change log is left out of backups (src/platform/backup.ts reads this comment):
-- after a restore every process reads all offers anew anyway.
COMMENT ON TABLE "offer_changes" IS 'transient';
