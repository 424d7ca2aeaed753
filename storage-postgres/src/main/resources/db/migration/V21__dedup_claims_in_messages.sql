-- A message's dedup claim is the message itself, no longer a row of its own in `dedup`, inserted with every keyed
-- message and deleted again when settled (that row and its deletion cost about a third of PostgreSQL's time per
-- message). Each message recorded under a key is one generation of that key: the unique index below lets exactly one
-- of concurrent deliveries of a key store generation n (INSERT ... ON CONFLICT DO NOTHING waits for the other one);
-- a delivery that loses reads the key's last generation and is either its duplicate (claimed) or the next one.
--
-- A claim ends with the dedup window, or when it is settled: by its session's horizon (session_horizons: every
-- message that arrived on that session up to `until` had its acknowledgement reach the source: one row per session,
-- nothing per message) unless it was kept claimed (dedup_settled false), or by name (dedup_settled true).
ALTER TABLE messages
  ADD COLUMN dedup_gen     integer,
  ADD COLUMN arrival       text,
  ADD COLUMN dedup_settled boolean;

-- The claims of the old table carry over: their messages become generation 0 of their keys, with no session, so they
-- stay claimed until their window ends (as they would have, unless settled). Settled keys had no row: their messages
-- stay out of the index, and the key's next message is generation 0.
UPDATE messages m SET dedup_gen = 0 FROM dedup d WHERE m.id = d.message_id AND m.dedup_key = d.key;

CREATE UNIQUE INDEX messages_dedup ON messages ((md5(dedup_key)::uuid), dedup_gen) WHERE dedup_gen IS NOT NULL;

CREATE TABLE session_horizons (
  arrival text        PRIMARY KEY,
  until   timestamptz NOT NULL
);

DROP TABLE dedup;
