-- Concatenated messages: their parts are held here until the message is whole (or its wait times out), so the parts
-- of one message meet whichever node received them, and a part acknowledged to its source survives a restart.

-- One row per concatenated message: the set key names it (destination, originator, reference, part count); the first
-- part held starts its wait. delivered_at is set once the message is recorded: its parts go, the row stays (until the
-- retention purge) so that a source's retry of a part is answered without holding it again.
CREATE TABLE part_sets (
  set_key      text        PRIMARY KEY,
  total        int         NOT NULL,
  first_at     timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX part_sets_waiting ON part_sets (first_at) WHERE delivered_at IS NULL;
CREATE INDEX part_sets_delivered ON part_sets (delivered_at) WHERE delivered_at IS NOT NULL;

-- The parts held, one per number: the part as the router received it (JSON of an InboundSms with its segment).
CREATE TABLE message_parts (
  set_key text NOT NULL REFERENCES part_sets (set_key) ON DELETE CASCADE,
  number  int  NOT NULL,
  part    text NOT NULL,
  PRIMARY KEY (set_key, number)
);

-- Delivery receipts, apart from messages: never in an inbox or the unmatched archive.
CREATE TABLE delivery_receipts (
  seq                  bigserial   NOT NULL,
  id                   text        PRIMARY KEY,
  source               text,
  sender               text,
  number               text,
  receipted_message_id text,
  message_state        text,
  text                 text,
  received_at          timestamptz NOT NULL
);
CREATE INDEX delivery_receipts_order ON delivery_receipts (seq);
CREATE INDEX delivery_receipts_received ON delivery_receipts (received_at);
