-- The last delivered state of each SIP registration of a Voximplant account (a JSON status event), so that any
-- instance can take an account's poller over without repeating unchanged states.
CREATE TABLE b24sip_registration_status (
    account         VARCHAR(200) NOT NULL,
    registration_id BIGINT       NOT NULL,
    event           TEXT         NOT NULL,
    PRIMARY KEY (account, registration_id)
);
