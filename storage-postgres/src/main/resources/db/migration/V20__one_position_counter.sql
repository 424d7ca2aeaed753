-- Positions of messages come from one counter for every inbox and the unmatched archive (the row below), which the
-- record statement moves on under its lock, held until commit. Before, each rental had its own counter: a record
-- batch updated one rental row per message, which cost PostgreSQL about a seventh of the statement. Positions still
-- only increase within each inbox and within the archive, in commit order (all a reader paging after a cursor needs);
-- they are no longer 1..n per inbox.
CREATE TABLE message_positions (
  id   boolean PRIMARY KEY DEFAULT true CHECK (id),
  last bigint  NOT NULL
);

-- Above every position given so far, so each inbox goes on upwards.
INSERT INTO message_positions (id, last)
SELECT true, greatest(coalesce((SELECT max(position) FROM messages), 0),
                      coalesce((SELECT message_count FROM archive_counter), 0));

DROP TABLE archive_counter;
ALTER TABLE rentals DROP COLUMN message_count;
