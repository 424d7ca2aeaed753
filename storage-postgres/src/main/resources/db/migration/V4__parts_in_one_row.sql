-- The parts of a concatenated message move into its part_sets row (a JSON object: part number -> the part as the
-- router received it), so that holding a part is one statement: an upsert that locks the row, adds the part unless
-- its number is there, and returns every part held, serialised with concurrent holds of the same message by the row
-- lock (each sees the parts the others committed). Parts in message_parts are carried over.
ALTER TABLE part_sets ADD COLUMN parts jsonb NOT NULL DEFAULT '{}'::jsonb;

UPDATE part_sets s SET parts = p.parts
FROM (SELECT set_key, jsonb_object_agg(number::text, to_jsonb(part)) AS parts FROM message_parts GROUP BY set_key) p
WHERE s.set_key = p.set_key;

DROP TABLE message_parts;
