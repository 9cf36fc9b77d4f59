-- Compliance checklist items (issue 5 audit): VAL-2/MIN-1, ABU-1, INT-4, PRV-1. Times are Unix milliseconds (UTC).

-- VAL-2: the reviewer's checklist, stored with the decision it supports (one row per remove/provisional/reject decision).
CREATE TABLE decision_checklists (
    decision_id BIGINT NOT NULL PRIMARY KEY REFERENCES decisions (id),
    depicted_or_authorised BIGINT NOT NULL,
    intimate BIGINT NOT NULL,
    non_consent BIGINT NOT NULL,
    public_concern BIGINT NOT NULL,
    commercial_self_publication BIGINT NOT NULL,
    minor_indicators BIGINT NOT NULL,
    manifestly_unfounded BIGINT NOT NULL,
    override_reason TEXT NULL
);

-- MIN-1: the case appears to involve a minor (never shared in feeds, CyberTipline report due).
ALTER TABLE cases ADD COLUMN minor BIGINT NOT NULL DEFAULT 0;
-- ABU-1: public-figure, news or political target: senior review.
ALTER TABLE cases ADD COLUMN senior_review BIGINT NOT NULL DEFAULT 0;
-- ABU-1: an earlier open or removed case naming the same location (case number), flagged for the moderator.
ALTER TABLE cases ADD COLUMN duplicate_of TEXT NULL;
-- INT-4: intake channel (public, trusted_flagger, regulator) and queue priority (higher first).
ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'public';
ALTER TABLE cases ADD COLUMN priority BIGINT NOT NULL DEFAULT 0;
-- PRV-1: when the requester's personal data was purged (retention or withdrawal).
ALTER TABLE cases ADD COLUMN purged_at BIGINT NULL;
CREATE INDEX ix_cases_closed ON cases (purged_at, closed_at);

-- ABU-1 / DSA Art 23: per requester, keyed by an HMAC of the normalised contact under the data key (never the contact).
CREATE TABLE requester_records (
    requester_key TEXT NOT NULL PRIMARY KEY,
    unfounded_count BIGINT NOT NULL DEFAULT 0,
    warned_at BIGINT NULL,
    suspended_until BIGINT NULL,
    suspensions BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
