-- Idempotent inquiries: one placement per request key, offer, need and person (account or e-mail
-- address without an account), as findByRequestKey looks it up. NULLS NOT DISTINCT (PostgreSQL 15+):
-- a key for an offer without a need, or from a person without an account, counts once as well.
-- Replaces the plain index on request_key (0008).
CREATE UNIQUE INDEX "placements_request" ON "placements" ("request_key", "offer_id", "need_id", "volunteer_id", "volunteer_email")
  NULLS NOT DISTINCT WHERE "request_key" IS NOT NULL;
