-- Portals added at run time (the portal API, Bitrix24 application installs), seen by every instance.
-- settings: a JSON object of the portal's settings as the properties name them; its secrets (token, client-secret,
-- access-token, refresh-token, trust-store-password, application-token) sealed with AES-GCM (b24sip.secrets.key).
CREATE SEQUENCE b24sip_portal_revisions;

CREATE TABLE b24sip_portals (
    name       VARCHAR(40)  PRIMARY KEY,
    source     VARCHAR(20)  NOT NULL,
    member_id  VARCHAR(100),
    settings   TEXT         NOT NULL,
    -- from the sequence on every write: count(*) and max(revision) change whenever a portal is saved or deleted
    revision   BIGINT       NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- an installed portal is known by its member_id for good, whatever its domain becomes
CREATE UNIQUE INDEX b24sip_portals_member_id ON b24sip_portals (member_id) WHERE member_id IS NOT NULL;
