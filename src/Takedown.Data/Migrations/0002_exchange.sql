-- Hash exchange and HMA-compatible banks (issue 7). Times are Unix milliseconds (UTC) unless noted.
-- Signals of these banks reach every node's index through bank_changes with entry_id = -bank_signals.id
-- (negative, so they never collide with the NCII bank's bank_entries ids) and case_number = 'bank:' || name.

-- Named banks besides the case-linked NCII bank: HMA curated banks and one bank per exchange.
CREATE TABLE hash_banks (
    id {id},
    name TEXT NOT NULL UNIQUE,
    enabled_ratio DOUBLE PRECISION NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

-- HMA "bank content": one item with one or more signals. source_key is the exchange's record key (null for
-- curated content); disable_until follows HMA (0 disabled, 1 enabled, otherwise Unix seconds).
CREATE TABLE bank_content (
    id {id},
    bank_id BIGINT NOT NULL REFERENCES hash_banks (id),
    source_key TEXT NULL,
    label TEXT NULL,
    note TEXT NULL,
    metadata TEXT NULL,
    disable_until BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_bank_content_key ON bank_content (bank_id, source_key);

CREATE TABLE bank_signals (
    id {id},
    content_id BIGINT NOT NULL REFERENCES bank_content (id),
    bank_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX ix_bank_signals_content ON bank_signals (content_id);
CREATE INDEX ix_bank_signals_value ON bank_signals (value);
CREATE INDEX ix_bank_signals_bank ON bank_signals (bank_id, id);

-- Subscribed exchanges with their persisted checkpoint and last sync status.
CREATE TABLE exchanges (
    id {id},
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    config TEXT NOT NULL,
    bank_id BIGINT NOT NULL REFERENCES hash_banks (id),
    enabled BIGINT NOT NULL DEFAULT 1,
    checkpoint TEXT NULL,
    created_at BIGINT NOT NULL,
    last_sync_at BIGINT NULL,
    last_success_at BIGINT NULL,
    last_error TEXT NULL,
    up_to_date BIGINT NOT NULL DEFAULT 0,
    fetched_items BIGINT NOT NULL DEFAULT 0
);

-- What happened when an imported hash matched content; reported back where the exchange supports it.
CREATE TABLE exchange_outcomes (
    id {id},
    signal_id BIGINT NOT NULL,
    bank_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    content_ref TEXT NOT NULL,
    outcome TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    reported_at BIGINT NULL
);
CREATE UNIQUE INDEX ux_exchange_outcomes ON exchange_outcomes (signal_id, content_ref, outcome);
CREATE INDEX ix_exchange_outcomes_unreported ON exchange_outcomes (bank_id, reported_at);

-- Requesters' consent to share their case's hashes with other deployments (SHR-2).
CREATE TABLE share_consents (
    case_number TEXT PRIMARY KEY,
    consented_at BIGINT NOT NULL,
    withdrawn_at BIGINT NULL
);

-- The published feed: hash additions and withdrawals of consenting cases, in order. No case numbers, no personal data.
CREATE TABLE feed_events (
    seq {id},
    entry_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    deleted BIGINT NOT NULL,
    at BIGINT NOT NULL
);

-- How far the publisher has read bank_changes (one row).
CREATE TABLE feed_state (
    id BIGINT PRIMARY KEY,
    bank_cursor BIGINT NOT NULL
);
INSERT INTO feed_state (id, bank_cursor) VALUES (1, 0);
