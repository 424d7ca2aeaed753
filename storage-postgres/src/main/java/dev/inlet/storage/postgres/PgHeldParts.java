package dev.inlet.storage.postgres;

import static dev.inlet.storage.postgres.PgRows.instant;
import static dev.inlet.storage.postgres.PgRows.odt;

import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.store.HeldParts;
import dev.inlet.shared.store.PartJson;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of concatenated messages ({@code part_sets}, {@code message_parts}), settled dedup keys and delivery
 * receipts ({@code delivery_receipts}) in PostgreSQL. Holding a part is one transaction that locks its set's row
 * first, so the parts of one message arriving at once on several nodes are held one after the other and the last one
 * sees them all.
 */
final class PgHeldParts {

  private static final String LOCK_SET = "INSERT INTO part_sets (set_key, total, first_at) VALUES ($1, $2, $3)"
      + " ON CONFLICT (set_key) DO UPDATE SET total = part_sets.total RETURNING delivered_at, total";
  private static final String HOLD = "INSERT INTO message_parts (set_key, number, part) VALUES ($1, $2, $3)"
      + " ON CONFLICT DO NOTHING";
  private static final String PARTS = "SELECT part FROM message_parts WHERE set_key = $1 ORDER BY number";
  private static final String DELIVERED = "WITH s AS (UPDATE part_sets SET delivered_at = $2"
      + " WHERE set_key = $1 AND delivered_at IS NULL RETURNING set_key)"
      + " DELETE FROM message_parts p USING s WHERE p.set_key = s.set_key";
  private static final String OVERDUE = "SELECT p.set_key, p.part FROM (SELECT set_key, first_at FROM part_sets"
      + " WHERE delivered_at IS NULL AND first_at < $1 ORDER BY first_at LIMIT $2) s"
      + " JOIN message_parts p ON p.set_key = s.set_key ORDER BY s.first_at, s.set_key, p.number";
  private static final String RECEIPT_COLUMNS =
      "id, source, sender, number, receipted_message_id, message_state, text, received_at";

  private final Pool pool;

  PgHeldParts(Pool pool) {
    this.pool = pool;
  }

  Future<HeldParts> hold(String setKey, InboundSms part) {
    Future<HeldParts> f = pool.withTransaction(conn -> conn.preparedQuery(LOCK_SET)
        .execute(Tuple.of(setKey, part.segment().total(), odt(part.receivedAt())))
        .compose(rows -> {
          Row set = rows.iterator().next();
          if (set.getOffsetDateTime("delivered_at") != null) {
            return Future.succeededFuture(new HeldParts(HeldParts.Status.DELIVERED, List.of()));
          }
          int total = set.getInteger("total");
          return conn.preparedQuery(HOLD).execute(Tuple.of(setKey, part.segment().number(), PartJson.write(part)))
              .compose(v -> parts(conn, setKey))
              .map(parts -> parts.size() >= total ? new HeldParts(HeldParts.Status.WHOLE, parts)
                  : new HeldParts(HeldParts.Status.WAITING, List.of()));
        }));
    return PgErrors.map(f, "hold a part of a concatenated message");
  }

  private static Future<List<InboundSms>> parts(SqlConnection conn, String setKey) {
    return conn.preparedQuery(PARTS).execute(Tuple.of(setKey)).map(rows -> {
      List<InboundSms> out = new ArrayList<>();
      rows.forEach(r -> out.add(PartJson.read(r.getString("part"))));
      return out;
    });
  }

  Future<Void> delivered(String setKey, Instant at) {
    return PgErrors.map(pool.preparedQuery(DELIVERED).execute(Tuple.of(setKey, odt(at))).mapEmpty(),
        "mark a concatenated message delivered");
  }

  Future<List<List<InboundSms>>> overdue(Instant firstBefore, int limit) {
    return PgErrors.map(pool.preparedQuery(OVERDUE).execute(Tuple.of(odt(firstBefore), limit)).map(rows -> {
      Map<String, List<InboundSms>> sets = new LinkedHashMap<>();
      rows.forEach(r -> sets.computeIfAbsent(r.getString("set_key"), k -> new ArrayList<>())
          .add(PartJson.read(r.getString("part"))));
      return List.copyOf(sets.values());
    }), "read overdue concatenated messages");
  }

  Future<Void> settle(List<String> dedupKeys) {
    if (dedupKeys.isEmpty()) {
      return Future.succeededFuture();
    }
    return PgErrors.map(pool.preparedQuery("DELETE FROM dedup WHERE key = ANY($1::text[])")
        .execute(Tuple.of(dedupKeys.toArray(String[]::new))).mapEmpty(), "settle dedup keys");
  }

  Future<Void> recordReceipt(DeliveryReceipt r) {
    return PgErrors.map(pool.preparedQuery("INSERT INTO delivery_receipts (" + RECEIPT_COLUMNS + ")"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.from(new Object[] {r.id(), r.source(), r.from(), r.to(), r.receiptedMessageId(),
            r.messageState(), r.text(), odt(r.receivedAt())}))
        .mapEmpty(), "store a delivery receipt");
  }

  Future<List<DeliveryReceipt>> receipts(String afterId, int limit) {
    return PgErrors.map(pool.preparedQuery("SELECT " + RECEIPT_COLUMNS + " FROM delivery_receipts"
            + " WHERE seq > coalesce((SELECT seq FROM delivery_receipts WHERE id = $1), 0) ORDER BY seq LIMIT $2")
        .execute(Tuple.of(afterId, limit)).map(PgHeldParts::receipts), "read delivery receipts");
  }

  private static List<DeliveryReceipt> receipts(RowSet<Row> rows) {
    List<DeliveryReceipt> out = new ArrayList<>();
    rows.forEach(r -> out.add(new DeliveryReceipt(r.getString("id"), r.getString("source"), r.getString("sender"),
        r.getString("number"), r.getString("receipted_message_id"), r.getString("message_state"), r.getString("text"),
        instant(r, "received_at"))));
    return out;
  }

  /** Receipts received, and marks of messages delivered, before {@code before}: at most {@code limit} of each. */
  Future<Void> purge(Instant before, int limit) {
    Tuple args = Tuple.of(odt(before), limit);
    return PgErrors.map(pool.preparedQuery("DELETE FROM delivery_receipts WHERE id = ANY(ARRAY("
            + "SELECT id FROM delivery_receipts WHERE received_at < $1 LIMIT $2))").execute(args)
        .compose(v -> pool.preparedQuery("DELETE FROM part_sets WHERE set_key = ANY(ARRAY(SELECT set_key"
            + " FROM part_sets WHERE delivered_at < $1 LIMIT $2))").execute(args))
        .mapEmpty(), "purge old receipts");
  }
}
