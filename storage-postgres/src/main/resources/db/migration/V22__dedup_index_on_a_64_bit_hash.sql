-- The dedup index on the key's 64-bit hash instead of its md5 as a uuid: a smaller index, cheaper to compute (in
-- pgbench about 4 µs per message less). Two keys with the same hash and generation only push one of them to a
-- later generation (the record statement reads the key's own last generation and goes on past it).
DROP INDEX messages_dedup;
CREATE UNIQUE INDEX messages_dedup ON messages ((hashtextextended(dedup_key, 0)), dedup_gen) WHERE dedup_gen IS NOT NULL;
