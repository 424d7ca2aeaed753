-- Positions come from one counter per bucket of destination numbers (64 buckets, a number's bucket being
-- floorMod(String.hashCode(number), 64), computed by the recording node), and one more for the unmatched archive
-- (bucket -1). Before, one counter served every inbox: its lock, held by a record batch until commit, made every
-- batch on every node wait for the one before it, so PostgreSQL recorded on one core and waited for each batch's WAL
-- flush before it started the next. Batches of numbers in other buckets now commit side by side (pgbench, 2 cores,
-- 32-message batches from 2 connections: about 1.5 times the messages per second of one shared counter).
--
-- An inbox is one number's, so all its positions come from one counter and commit in order (all that a reader
-- paging after a cursor needs); so do the unmatched archive's. Every bucket starts above every position given so
-- far, so each inbox goes on upwards.
CREATE TABLE message_position_buckets (
  bucket smallint PRIMARY KEY CHECK (bucket BETWEEN -1 AND 63),
  last   bigint   NOT NULL
);

INSERT INTO message_position_buckets (bucket, last)
SELECT b, (SELECT last FROM message_positions) FROM generate_series(-1, 63) b;

DROP TABLE message_positions;
ALTER TABLE message_position_buckets RENAME TO message_positions;
