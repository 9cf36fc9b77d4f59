-- Takedown schema, version 1. {id} and {bytes} are replaced per database (see SqlDialect).
-- Times are Unix milliseconds (UTC); booleans are 0/1.

CREATE TABLE cases (
    id {id},
    case_number TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    completed_at BIGINT NULL,
    token_hash {bytes} NOT NULL,
    signature_name TEXT NULL,
    signature_attested BIGINT NOT NULL,
    good_faith_statement TEXT NULL,
    good_faith_attested BIGINT NOT NULL,
    description TEXT NULL,
    contact_email TEXT NULL,
    contact_other TEXT NULL,
    requester_role TEXT NULL,
    ai_generated BIGINT NULL,
    missing TEXT NOT NULL,
    claimed_by TEXT NULL,
    claimed_at BIGINT NULL,
    warning_level BIGINT NOT NULL DEFAULT 0,
    breached_at BIGINT NULL,
    closed_at BIGINT NULL
);
CREATE INDEX ix_cases_due ON cases (status, due_at);

CREATE TABLE items (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    location TEXT NOT NULL,
    content_id TEXT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    source_item_id BIGINT NULL,
    distance BIGINT NULL,
    created_at BIGINT NOT NULL,
    removed_at BIGINT NULL,
    restored_at BIGINT NULL
);
CREATE INDEX ix_items_case ON items (case_id);
CREATE INDEX ix_items_content ON items (content_id);

CREATE TABLE decisions (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    item_id BIGINT NULL,
    kind TEXT NOT NULL,
    reason TEXT NULL,
    actor TEXT NOT NULL,
    automation TEXT NOT NULL,
    decided_at BIGINT NOT NULL
);
CREATE INDEX ix_decisions_case ON decisions (case_id);

CREATE TABLE notes (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE appeals (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    item_id BIGINT NOT NULL REFERENCES items (id),
    statement TEXT NOT NULL,
    status TEXT NOT NULL,
    filed_at BIGINT NOT NULL,
    decided_at BIGINT NULL,
    decided_by TEXT NULL,
    reason TEXT NULL
);

CREATE TABLE bank_entries (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    item_id BIGINT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    quality BIGINT NOT NULL,
    active BIGINT NOT NULL,
    added_at BIGINT NOT NULL,
    released_at BIGINT NULL
);
CREATE INDEX ix_bank_case ON bank_entries (case_id);

-- The change sequence every node applies to its in-memory index.
CREATE TABLE bank_changes (
    seq {id},
    entry_id BIGINT NOT NULL,
    added BIGINT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    case_number TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);

-- Content the platform registered through /check; searched by later copy sweeps.
CREATE TABLE platform_content (
    id {id},
    content_id TEXT NOT NULL UNIQUE,
    sha256 TEXT NULL,
    md5 TEXT NULL,
    pdq TEXT NULL,
    registered_at BIGINT NOT NULL
);

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    case_number TEXT NULL,
    detail TEXT NOT NULL,
    prev_hash {bytes} NOT NULL,
    hash {bytes} NOT NULL
);
CREATE INDEX ix_audit_case ON audit_events (case_number);

CREATE TABLE users (
    id {id},
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE api_keys (
    id {id},
    prefix TEXT NOT NULL UNIQUE,
    key_hash {bytes} NOT NULL,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
);

CREATE TABLE outbox (
    id {id},
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    delivered_at BIGINT NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_outbox_due ON outbox (delivered_at, next_attempt_at);

CREATE TABLE sweeps (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    requested_at BIGINT NOT NULL,
    done_at BIGINT NULL
);
