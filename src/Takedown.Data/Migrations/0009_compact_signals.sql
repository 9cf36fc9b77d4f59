-- Compact signals (issue 7: a 1,000,000-hash import in under 10 s). Until now the 64-digit hex text of each imported
-- hash was stored five times (bank_content.source_key and its unique index, bank_signals.value and its index,
-- bank_changes.value): 475 MB for a million PDQ hashes. From here on (Takedown.Data.Sql.SignalCodec holds the rules):
-- * bank_signals and bank_changes: a PDQ, MD5 or SHA-256 value in canonical lowercase hex of its exact length is
--   stored as raw bytes in `hash` (32, 16, 32 bytes) with `value` NULL; vPDQ and anything else keep `value` text.
-- * bank_content.source_key becomes key_bytes: a tag byte (0 text, 1 md5, 2 pdq, 3 sha256) and then the raw hash of
--   a key '<kind>:<canonical hex>' (the key a hash-list import writes) or the key's UTF-8 bytes (tag 0).
-- * The foreign keys bank_content -> hash_banks and bank_signals -> bank_content are dropped (on PostgreSQL they were
--   40-50 % of each bulk insert). Integrity is kept by construction instead: signals are only written in the same
--   transaction as their content row (and with the bank id of that row), every delete removes a content's signals
--   before the content, and a bank's signals and content before the bank (Takedown.Data.Sql.SqlSession.HashBanks /
--   .Import; tests/Takedown.Data.Tests/Exchange/CompactSignalsStoreTests checks for orphans after import, upsert,
--   delete, withdrawal and a failed import).
-- Lines between '--#if <dialect>' and '--#endif' apply to that dialect only (SqlDialect.Expand).

--#if sqlite
-- SQLite cannot drop a foreign key or a NOT NULL in place: each table is rebuilt with the same ids, and its
-- AUTOINCREMENT high-water mark is carried over so ids of deleted rows are never handed out again.
CREATE TABLE bank_signals_new (
    id {id},
    content_id BIGINT NOT NULL,
    bank_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NULL,
    hash {bytes} NULL
);
INSERT INTO bank_signals_new (id, content_id, bank_id, kind, value, hash)
SELECT id, content_id, bank_id, kind,
       CASE WHEN hex_ok THEN NULL ELSE value END,
       CASE WHEN hex_ok THEN unhex(value) END
FROM (SELECT id, content_id, bank_id, kind, value,
             ((kind = 'md5' AND length(value) = 32) OR (kind IN ('pdq', 'sha256') AND length(value) = 64))
             AND value NOT GLOB '*[^0-9a-f]*' AS hex_ok
      FROM bank_signals)
ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'bank_signals_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'bank_signals_new', seq FROM sqlite_sequence WHERE name = 'bank_signals';
DROP TABLE bank_signals;
ALTER TABLE bank_signals_new RENAME TO bank_signals;

CREATE TABLE bank_content_new (
    id {id},
    bank_id BIGINT NOT NULL,
    key_bytes {bytes} NULL,
    label TEXT NULL,
    note TEXT NULL,
    metadata TEXT NULL,
    disable_until BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO bank_content_new (id, bank_id, key_bytes, label, note, metadata, disable_until, created_at, updated_at)
SELECT id, bank_id,
       CASE
           WHEN source_key IS NULL THEN NULL
           WHEN length(source_key) = 36 AND substr(source_key, 1, 4) = 'md5:' AND substr(source_key, 5) NOT GLOB '*[^0-9a-f]*'
               THEN unhex('01' || substr(source_key, 5))
           WHEN length(source_key) = 68 AND substr(source_key, 1, 4) = 'pdq:' AND substr(source_key, 5) NOT GLOB '*[^0-9a-f]*'
               THEN unhex('02' || substr(source_key, 5))
           WHEN length(source_key) = 71 AND substr(source_key, 1, 7) = 'sha256:' AND substr(source_key, 8) NOT GLOB '*[^0-9a-f]*'
               THEN unhex('03' || substr(source_key, 8))
           ELSE unhex('00' || hex(source_key))
       END,
       label, note, metadata, disable_until, created_at, updated_at
FROM bank_content ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'bank_content_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'bank_content_new', seq FROM sqlite_sequence WHERE name = 'bank_content';
DROP TABLE bank_content;
ALTER TABLE bank_content_new RENAME TO bank_content;

CREATE TABLE bank_changes_new (
    seq {id},
    entry_id BIGINT NOT NULL,
    added BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NULL,
    hash {bytes} NULL,
    case_number TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
INSERT INTO bank_changes_new (seq, entry_id, added, kind, value, hash, case_number, changed_at)
SELECT seq, entry_id, added, kind,
       CASE WHEN hex_ok THEN NULL ELSE value END,
       CASE WHEN hex_ok THEN unhex(value) END,
       case_number, changed_at
FROM (SELECT seq, entry_id, added, kind, value, case_number, changed_at,
             ((kind = 'md5' AND length(value) = 32) OR (kind IN ('pdq', 'sha256') AND length(value) = 64))
             AND value NOT GLOB '*[^0-9a-f]*' AS hex_ok
      FROM bank_changes)
ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'bank_changes_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'bank_changes_new', seq FROM sqlite_sequence WHERE name = 'bank_changes';
DROP TABLE bank_changes;
ALTER TABLE bank_changes_new RENAME TO bank_changes;
--#endif

--#if postgres
ALTER TABLE bank_signals DROP CONSTRAINT IF EXISTS bank_signals_content_id_fkey;
ALTER TABLE bank_content DROP CONSTRAINT IF EXISTS bank_content_bank_id_fkey;

ALTER TABLE bank_signals ALTER COLUMN value DROP NOT NULL, ADD COLUMN hash BYTEA NULL;
UPDATE bank_signals SET hash = decode(value, 'hex'), value = NULL
WHERE (kind = 'md5' AND value ~ '^[0-9a-f]{32}$') OR (kind IN ('pdq', 'sha256') AND value ~ '^[0-9a-f]{64}$');
DROP INDEX ix_bank_signals_value;

ALTER TABLE bank_content ADD COLUMN key_bytes BYTEA NULL;
UPDATE bank_content SET key_bytes = CASE
        WHEN source_key ~ '^md5:[0-9a-f]{32}$' THEN decode('01' || substr(source_key, 5), 'hex')
        WHEN source_key ~ '^pdq:[0-9a-f]{64}$' THEN decode('02' || substr(source_key, 5), 'hex')
        WHEN source_key ~ '^sha256:[0-9a-f]{64}$' THEN decode('03' || substr(source_key, 8), 'hex')
        ELSE '\x00'::bytea || convert_to(source_key, 'UTF8')
    END
WHERE source_key IS NOT NULL;
DROP INDEX ux_bank_content_key;
ALTER TABLE bank_content DROP COLUMN source_key;

ALTER TABLE bank_changes ALTER COLUMN value DROP NOT NULL, ADD COLUMN hash BYTEA NULL;
UPDATE bank_changes SET hash = decode(value, 'hex'), value = NULL
WHERE (kind = 'md5' AND value ~ '^[0-9a-f]{32}$') OR (kind IN ('pdq', 'sha256') AND value ~ '^[0-9a-f]{64}$');
--#endif

CREATE UNIQUE INDEX ux_bank_content_key ON bank_content (bank_id, key_bytes);
CREATE INDEX IF NOT EXISTS ix_bank_signals_content ON bank_signals (content_id);
-- Exact lookups (FindSignals): raw hashes by `hash`, text values by `value`; each index holds only its own rows.
CREATE INDEX ix_bank_signals_hash ON bank_signals (hash) WHERE hash IS NOT NULL;
CREATE INDEX ix_bank_signals_value ON bank_signals (value) WHERE value IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_bank_signals_bank ON bank_signals (bank_id, id);
