package dev.inlet.storage.postgres;

import static dev.inlet.storage.postgres.PgRows.MESSAGE_COLUMNS;
import static dev.inlet.storage.postgres.PgRows.odt;

import dev.inlet.shared.message.DedupClaim;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.Settled;
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
 * {@code position}, which the {@link RecordBatcher} takes from the one position counter under that row's lock, so
 * positions of one inbox commit in order and a read after a cursor never skips a message that commits later
 * ({@code seq}, a sequence taken without a lock, could). A message is answered only once committed. Dedup claims are
 * the messages themselves (see the V21 migration); sessions' horizons are in {@code session_horizons}.
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
   * {@inheritDoc} Their dedup claims go too (far older than any dedup window: the retention is hours, the window
   * minutes), and so do the horizons of sessions that settled nothing since {@code before}.
   */
  @Override
  public Future<Integer> purgeText(Instant before, int limit) {
    Tuple args = Tuple.of(odt(before), limit);
    Future<Integer> purged = pool.preparedQuery("WITH p AS (SELECT id FROM messages WHERE text IS NOT NULL"
            + " AND received_at < $1 ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
            + " UPDATE messages m SET text = NULL, code = NULL, dedup_gen = NULL FROM p WHERE m.id = p.id")
        .execute(args).map(RowSet::rowCount);
    return PgErrors.map(purged.compose(n -> pool.preparedQuery("DELETE FROM session_horizons WHERE until < $1")
            .execute(Tuple.of(odt(before))).map(n)), "purge message texts")
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

  /**
   * {@inheritDoc} One statement: the named messages are marked ({@code dedup_settled}: false kept claimed, true
   * settled), and the session's horizon moves on.
   */
  @Override
  public Future<Void> settle(Settled settled) {
    if (settled.isEmpty()) {
      return Future.succeededFuture();
    }
    boolean horizon = settled.arrival() != null && settled.until() != null;
    Tuple args = Tuple.tuple()
        .addArrayOfString(settled.keptClaimed().stream().map(DedupClaim::dedupKey).toArray(String[]::new))
        .addArrayOfString(settled.keptClaimed().stream().map(DedupClaim::messageId).toArray(String[]::new))
        .addArrayOfString(settled.settled().stream().map(DedupClaim::dedupKey).toArray(String[]::new))
        .addArrayOfString(settled.settled().stream().map(DedupClaim::messageId).toArray(String[]::new))
        .addString(horizon ? settled.arrival() : null)
        .addOffsetDateTime(horizon ? odt(settled.until()) : null);
    return PgErrors.map(pool.preparedQuery(SETTLE).execute(args).mapEmpty(), "settle dedup claims");
  }

  private static final String SETTLE = """
      WITH kept AS (
        UPDATE messages m SET dedup_settled = false FROM unnest($1::text[], $2::text[]) AS c(key, id)
        WHERE m.id = c.id AND m.dedup_key = c.key AND m.dedup_gen IS NOT NULL
        RETURNING 1
      ),
      named AS (
        UPDATE messages m SET dedup_settled = true FROM unnest($3::text[], $4::text[]) AS c(key, id)
        WHERE m.id = c.id AND m.dedup_key = c.key AND m.dedup_gen IS NOT NULL
        RETURNING 1
      ),
      horizon AS (
        INSERT INTO session_horizons AS h (arrival, until) SELECT $5, $6 WHERE $5::text IS NOT NULL
        ON CONFLICT (arrival) DO UPDATE SET until = greatest(h.until, excluded.until)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM kept), (SELECT count(*) FROM named), (SELECT count(*) FROM horizon)
      """;

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
