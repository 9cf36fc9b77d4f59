-- Jurisdictions and deadline settings edited from the admin pages (they override the built-in and configured ones).
CREATE TABLE jurisdiction_settings (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    deadline_minutes BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Deployment-wide settings edited from the admin pages (e.g. deadline warning fractions).
CREATE TABLE deployment_settings (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
