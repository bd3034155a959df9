-- When each poller last began a poll, on the database's clock, and which instance ran it (PollCoverage): every
-- instance counts from it the portals and accounts nobody has polled lately. One row per poller, written in one
-- statement per instance and period.
CREATE TABLE b24sip_polls (
    kind      VARCHAR(20)  NOT NULL,
    name      VARCHAR(200) NOT NULL,
    instance  VARCHAR(200) NOT NULL,
    polled_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, name)
);
CREATE INDEX b24sip_polls_polled_at ON b24sip_polls (kind, polled_at);
