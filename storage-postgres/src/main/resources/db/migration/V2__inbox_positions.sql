-- Inbox and archive order by commit order: a message's position in its inbox (or in the unmatched archive) is
-- taken from a counter on the rental (on archive_counter) that the recording statement increments under that row's
-- lock, held until commit. A batch that takes positions after another one therefore commits after it, and a reader
-- paging "after the last message I saw" cannot skip a message that commits later (messages.seq, taken before the
-- lock, could: a batch that commits later could carry lower seq values).

-- How many messages the rental's inbox has been given a position for (positions are 1 .. message_count).
ALTER TABLE rentals ADD COLUMN message_count bigint NOT NULL DEFAULT 0;

-- The message's place in its inbox (session_id set) or in the unmatched archive (session_id NULL), from 1.
ALTER TABLE messages ADD COLUMN position bigint;

-- The unmatched archive's counter: it has no rental row to lock, so it gets this one row.
CREATE TABLE archive_counter (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  message_count bigint  NOT NULL DEFAULT 0
);

-- Existing messages keep the order they had (seq).
UPDATE messages m SET position = p.position
FROM (SELECT id, row_number() OVER (PARTITION BY session_id ORDER BY seq) AS position FROM messages) p
WHERE m.id = p.id;

UPDATE rentals r SET message_count = c.n
FROM (SELECT session_id, max(position) AS n FROM messages WHERE session_id IS NOT NULL GROUP BY session_id) c
WHERE r.session_id = c.session_id;

INSERT INTO archive_counter (id, message_count)
SELECT true, coalesce(max(position), 0) FROM messages WHERE session_id IS NULL;

CREATE INDEX messages_inbox_position ON messages (session_id, position) WHERE session_id IS NOT NULL;
CREATE INDEX messages_unmatched_position ON messages (position) WHERE session_id IS NULL;

-- Nothing reads messages by seq any more (the column stays: it still says in which order rows were inserted).
DROP INDEX messages_inbox;
DROP INDEX messages_unmatched;
