-- Rate-limit counters need no crash safety (a crash merely restarts the windows). Unlogged, their
-- upsert on every API request writes no WAL, so its commit waits for no disk flush.
ALTER TABLE "rate_limits" SET UNLOGGED;
