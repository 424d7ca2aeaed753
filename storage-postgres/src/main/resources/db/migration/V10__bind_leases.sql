-- Leases on SMSC bind slots (one row per slot, e.g. 'operator#0'): who may bind now, until when, and the fencing
-- token that grows each time the slot changes hands. Rows are never deleted (a release moves expires_at to
-- -infinity), so a token never goes back.
CREATE TABLE bind_leases (
  slot        text        PRIMARY KEY,
  holder      text        NOT NULL,
  token       bigint      NOT NULL,
  expires_at  timestamptz NOT NULL
);
