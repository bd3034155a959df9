-- Signed-in operator pages (OperatorSessions): a random session id per sign-in, kept as its SHA-256 only (the id is a
-- credential), shared by every instance so a browser may reach any of them, ended by its expiry or a sign-out.
CREATE TABLE b24sip_sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX b24sip_sessions_expires_at ON b24sip_sessions (expires_at);
