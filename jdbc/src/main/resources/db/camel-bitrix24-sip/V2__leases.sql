-- Leaderships of the status pollers as leases (PgClusterService): the holder renews its row every heartbeat; another
-- instance takes a namespace only once expires_at, on the database's clock, has passed.
CREATE TABLE b24sip_leases (
    namespace  VARCHAR(200) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
