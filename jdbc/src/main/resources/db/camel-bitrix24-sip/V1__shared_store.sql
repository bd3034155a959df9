-- The store several instances of the routes app share. See the README, "Running several instances".

-- The pair the last refresh of an OAuth application issued; a refresh locks its row (SELECT ... FOR UPDATE).
CREATE TABLE b24sip_oauth_tokens (
    portal        VARCHAR(200) NOT NULL,
    client_id     VARCHAR(200) NOT NULL,
    access_token  TEXT,
    refresh_token TEXT,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (portal, client_id)
);

-- The last known registration status of each cloud line, per portal (a JSON status event).
CREATE TABLE b24sip_line_status (
    portal    VARCHAR(200) NOT NULL,
    config_id INTEGER      NOT NULL,
    event     TEXT         NOT NULL,
    PRIMARY KEY (portal, config_id)
);

-- Keys taken once across instances: CSV files applied, command ids applied.
CREATE TABLE b24sip_processed (
    repository VARCHAR(100) NOT NULL,
    message_id VARCHAR(500) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (repository, message_id)
);

-- Each portal's leaky bucket, filled by every instance's requests.
CREATE TABLE b24sip_rate_buckets (
    portal     VARCHAR(200)     PRIMARY KEY,
    level      DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMPTZ      NOT NULL
);

-- The instances alive, so leaderships spread over them.
CREATE TABLE b24sip_instances (
    instance VARCHAR(200) PRIMARY KEY,
    seen_at  TIMESTAMPTZ  NOT NULL
);
