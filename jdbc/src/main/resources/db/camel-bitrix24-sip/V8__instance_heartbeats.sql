-- Each instance's scheduled heartbeats so far, written with its seen_at: a logical clock, so a rebalance can be told in
-- heartbeats (PgClusterService, ScaleOutIT) from one reading of the table, whatever the machine's load.
ALTER TABLE b24sip_instances ADD COLUMN heartbeats BIGINT NOT NULL DEFAULT 0;
