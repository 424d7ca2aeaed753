-- Inlet's system of record. Times are timestamptz; the Java side reads and writes them as Instants (UTC).

-- The pool: one row per number, with its lifecycle state (dev.inlet.shared.store.NumberLifecycle).
CREATE TABLE numbers (
  number       text        PRIMARY KEY,
  country      text        NOT NULL,
  capabilities text[]      NOT NULL DEFAULT '{}',
  state        text        NOT NULL DEFAULT 'FREE'
               CHECK (state IN ('FREE', 'RESERVED', 'IN_USE', 'RELEASED', 'COOLDOWN', 'QUARANTINE')),
  session_id   text,
  state_until  timestamptz,
  state_reason text,
  added_at     timestamptz NOT NULL DEFAULT now(),
  -- When the number is (or becomes) free to claim: -infinity while FREE, the end of a cooling-off or timed
  -- quarantine, NULL while held or quarantined until a manual return. What "any free number of a country"
  -- searches, in O(log n): free_at <= now, oldest first (the least recently used number goes out first).
  free_at      timestamptz GENERATED ALWAYS AS (
                 CASE WHEN state = 'FREE' THEN '-infinity'::timestamptz
                      WHEN state IN ('RELEASED', 'COOLDOWN', 'QUARANTINE') THEN state_until
                 END) STORED
);
CREATE INDEX numbers_claimable ON numbers (country, free_at, number) WHERE free_at IS NOT NULL;

-- Numbers a service must never get (e.g. the service has seen the number before).
CREATE TABLE number_blocklist (
  number  text NOT NULL REFERENCES numbers (number) ON DELETE CASCADE,
  service text NOT NULL,
  PRIMARY KEY (number, service)
);
CREATE INDEX number_blocklist_by_service ON number_blocklist (service, number);

-- Every rental ever: the audit trail of which API key held which number from when to when, and why it ended.
CREATE TABLE rentals (
  session_id  text        PRIMARY KEY,
  seq         bigserial   NOT NULL,
  number      text        NOT NULL REFERENCES numbers (number),
  country     text        NOT NULL,
  service     text,
  owner       text,
  started_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  end_reason  text,
  last_sms_at timestamptz
);
CREATE INDEX rentals_by_number ON rentals (number, started_at DESC, seq DESC);
CREATE INDEX rentals_active_expiry ON rentals (expires_at, session_id) WHERE ended_at IS NULL;
CREATE INDEX rentals_ended ON rentals (ended_at) WHERE ended_at IS NOT NULL;

-- Inbound messages: session inboxes (session_id set) and the unmatched archive (session_id NULL).
-- text and code become NULL when purged after the retention window; the rest stays for the audit trail.
CREATE TABLE messages (
  seq         bigserial   NOT NULL,  -- order received (unique by construction; no index of its own)
  id          text        PRIMARY KEY,
  session_id  text,
  number      text        NOT NULL,
  sender      text,
  text        text,
  code        text,
  received_at timestamptz NOT NULL,
  sent_at     timestamptz,
  source      text,
  source_ref  text,
  dedup_key   text
);
CREATE INDEX messages_inbox ON messages (session_id, seq) WHERE session_id IS NOT NULL;
CREATE INDEX messages_unmatched ON messages (seq) WHERE session_id IS NULL;
CREATE INDEX messages_purgeable ON messages (received_at) WHERE text IS NOT NULL;

-- The dedup keys seen, with the message they first stored: a delivery with the same key within the window
-- answers that message.
CREATE TABLE dedup (
  key        text        PRIMARY KEY,
  message_id text        NOT NULL,
  seen_at    timestamptz NOT NULL
);
-- Keys are inserted in time order: a BRIN index is nearly free on the hot path and lets old keys be dropped.
CREATE INDEX dedup_seen ON dedup USING brin (seen_at);

-- Short-lived WebSocket tokens.
CREATE TABLE ws_tokens (
  token      text        PRIMARY KEY,
  session_id text        NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX ws_tokens_expiry ON ws_tokens (expires_at);
