-- What was declared for each portal's lines (CSV files, commands, uploads, the portal API), seen by every instance.
-- doc: a JSON object {portal, mirror, mirrorOrigin, lines: {titleKey: {title, type, server, login, password, absent,
-- origin, declaredAt}}}; each password sealed with AES-GCM (b24sip.secrets.key).
CREATE TABLE b24sip_declared (
    portal     VARCHAR(40)  PRIMARY KEY,
    doc        TEXT         NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- What the portal's poller leader last reported of its drift, and its repairs: the next leader reports only changes.
CREATE TABLE b24sip_drift (
    portal     VARCHAR(40)  PRIMARY KEY,
    doc        TEXT         NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
