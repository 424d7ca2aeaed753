package dev.inlet.storage.postgres;

import static dev.inlet.storage.postgres.PgRows.MESSAGE_COLUMNS;
import static dev.inlet.storage.postgres.PgRows.odt;

import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.HeldParts;
import dev.inlet.shared.store.InboxStore;
import dev.inlet.shared.store.Recorded;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Session inboxes and the unmatched archive in PostgreSQL's {@code messages} table, in the order recorded: by
 * {@code position}, which the {@link RecordBatcher} takes from the rental's counter (the archive's) under that row's
 * lock, so positions of one inbox commit in order and a read after a cursor never skips a message that commits later
 * ({@code seq}, a sequence taken without a lock, could). A message is answered only once committed.
 */
final class PgInboxStore implements InboxStore {

  private final Pool pool;
  private final RecordBatcher batcher;
  private final PgHeldParts held;

  PgInboxStore(Pool pool, RecordBatcher batcher) {
    this.pool = pool;
    this.batcher = batcher;
    this.held = new PgHeldParts(pool);
  }

  RecordBatcher batcher() {
    return batcher;
  }

  @Override
  public Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
    return batcher.submit(sms, code, grace, dedupWindow);
  }

  @Override
  public Future<List<StoredSms>> inbox(String sessionId, String afterId, int limit) {
    return PgErrors.map(pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE session_id = $1"
            + " AND position > coalesce((SELECT position FROM messages WHERE id = $2 AND session_id = $1), 0)"
            + " ORDER BY position LIMIT $3")
        .execute(Tuple.of(sessionId, afterId, limit)).map(PgInboxStore::messages), "read an inbox");
  }

  @Override
  public Future<List<StoredSms>> unmatched(String afterId, int limit) {
    return PgErrors.map(pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE session_id IS NULL"
            + " AND position > coalesce((SELECT position FROM messages WHERE id = $1 AND session_id IS NULL), 0)"
            + " ORDER BY position LIMIT $2")
        .execute(Tuple.of(afterId, limit)).map(PgInboxStore::messages), "read the unmatched archive");
  }

  /**
   * {@inheritDoc} Dedup keys seen before {@code before} go too (as many): the retention is far longer than any dedup
   * window, and the table would otherwise grow forever.
   */
  @Override
  public Future<Integer> purgeText(Instant before, int limit) {
    Tuple args = Tuple.of(odt(before), limit);
    Future<Integer> purged = pool.preparedQuery("WITH p AS (SELECT id FROM messages WHERE text IS NOT NULL"
            + " AND received_at < $1 ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
            + " UPDATE messages m SET text = NULL, code = NULL FROM p WHERE m.id = p.id")
        .execute(args).map(RowSet::rowCount);
    return PgErrors.map(purged.compose(n -> pool.preparedQuery("DELETE FROM dedup WHERE ctid = ANY(ARRAY("
            + "SELECT ctid FROM dedup WHERE seen_at < $1 LIMIT $2))").execute(args).map(n)), "purge message texts")
        .compose(n -> held.purge(before, limit).map(n));
  }

  @Override
  public Future<HeldParts> holdPart(String setKey, InboundSms part) {
    return held.hold(setKey, part);
  }

  @Override
  public Future<Void> partsDelivered(String setKey, Instant at) {
    return held.delivered(setKey, at);
  }

  @Override
  public Future<List<List<InboundSms>>> overdueParts(Instant firstBefore, int limit) {
    return held.overdue(firstBefore, limit);
  }

  @Override
  public Future<Void> settle(List<String> dedupKeys) {
    return held.settle(dedupKeys);
  }

  @Override
  public Future<Void> recordReceipt(DeliveryReceipt receipt) {
    return held.recordReceipt(receipt);
  }

  @Override
  public Future<List<DeliveryReceipt>> receipts(String afterId, int limit) {
    return held.receipts(afterId, limit);
  }

  private static List<StoredSms> messages(RowSet<Row> rows) {
    List<StoredSms> out = new ArrayList<>();
    rows.forEach(r -> out.add(PgRows.message(r)));
    return out;
  }
}
