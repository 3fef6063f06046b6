-- Profiles that agreed to be contacted before consent records existed get one record each, so the consent
-- check before sending (privacy module) lets their mails through until they withdraw.
INSERT INTO "consents" ("user_id", "purpose", "version", "method", "given_at")
SELECT "user_id", 'volunteers.contact', '2025-01', 'migration', "updated_at"
FROM "volunteer_profiles" WHERE "contactable";
