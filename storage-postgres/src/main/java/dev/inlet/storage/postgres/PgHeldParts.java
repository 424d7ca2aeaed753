package dev.inlet.storage.postgres;

import static dev.inlet.storage.postgres.PgRows.instant;
import static dev.inlet.storage.postgres.PgRows.odt;

import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.store.HeldParts;
import dev.inlet.shared.store.PartJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of concatenated messages ({@code part_sets}, one row per message holding its parts) and delivery
 * receipts ({@code delivery_receipts}) in PostgreSQL. Holding a part is one statement that locks its
 * set's row, so the parts of one message arriving at once on several nodes are held one after the other and the last
 * one sees them all; parts are held in batches, one transaction each.
 */
final class PgHeldParts {

  /**
   * Holds the parts of a batch in one statement, one row per message (set): the upsert locks each set's row in key
   * order (a concurrent hold of the same message waits, then works on the row it committed), adds the parts whose
   * numbers are not held yet unless the message was delivered, and answers every part once all are there.
   */
  private static final String HOLD = "INSERT INTO part_sets AS s (set_key, total, first_at, parts)"
      + " SELECT u.set_key, u.total, u.first_at, u.parts::jsonb"
      + " FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[]) AS u(set_key, total, first_at, parts)"
      + " ON CONFLICT (set_key) DO UPDATE SET parts = CASE WHEN s.delivered_at IS NULL"
      + " THEN excluded.parts || s.parts ELSE s.parts END"
      + " RETURNING s.set_key, s.delivered_at, s.total,"
      + " CASE WHEN (SELECT count(*) FROM jsonb_object_keys(s.parts)) >= s.total THEN s.parts END AS whole";
  private static final String DELIVERED = "UPDATE part_sets SET delivered_at = $2, parts = '{}'::jsonb"
      + " WHERE set_key = $1 AND delivered_at IS NULL";
  private static final String OVERDUE = "SELECT parts FROM part_sets WHERE delivered_at IS NULL AND first_at < $1"
      + " ORDER BY first_at LIMIT $2";
  private static final String RECEIPT_COLUMNS =
      "id, source, sender, number, receipted_message_id, message_state, text, received_at";

  static final int MAX_BATCH = 512;
  static final int BATCHES_IN_FLIGHT = 2;

  private record Hold(String setKey, InboundSms part, Promise<HeldParts> promise, Context context) {
  }

  private final Pool pool;
  private final ArrayDeque<Hold> queue = new ArrayDeque<>();
  private int inFlight;

  PgHeldParts(Pool pool) {
    this.pool = pool;
  }

  /**
   * Holds a part: queued, and written with the others queued meanwhile in one statement (one commit, one WAL flush
   * for the batch; before, one statement per part), at most {@link #MAX_BATCH} parts and {@link #BATCHES_IN_FLIGHT}
   * batches at a time. A batch takes its sets' rows in key order, so two batches never wait on each other in a
   * cycle.
   */
  Future<HeldParts> hold(String setKey, InboundSms part) {
    Promise<HeldParts> promise = Promise.promise();
    Context context = Vertx.currentContext();
    synchronized (queue) {
      queue.add(new Hold(setKey, part, promise, context));
    }
    flush();
    return promise.future();
  }

  private void flush() {
    List<Hold> batch;
    synchronized (queue) {
      if (queue.isEmpty() || inFlight >= BATCHES_IN_FLIGHT) {
        return;
      }
      inFlight++;
      batch = new ArrayList<>();
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(queue.poll());
      }
    }
    // one row per message, in key order; a part number held twice in the batch keeps its first copy
    Map<String, List<Hold>> bySet = new TreeMap<>();
    batch.forEach(h -> bySet.computeIfAbsent(h.setKey(), k -> new ArrayList<>()).add(h));
    int n = bySet.size();
    String[] keys = new String[n];
    Integer[] totals = new Integer[n];
    OffsetDateTime[] firsts = new OffsetDateTime[n];
    String[] parts = new String[n];
    int i = 0;
    for (Map.Entry<String, List<Hold>> set : bySet.entrySet()) {
      JsonObject held = new JsonObject();
      Instant first = null;
      for (Hold h : set.getValue()) {
        String number = Integer.toString(h.part().segment().number());
        if (!held.containsKey(number)) {
          held.put(number, PartJson.write(h.part()));
        }
        first = first == null || h.part().receivedAt().isBefore(first) ? h.part().receivedAt() : first;
      }
      keys[i] = set.getKey();
      totals[i] = set.getValue().get(0).part().segment().total();
      firsts[i] = odt(first);
      parts[i] = held.encode();
      i++;
    }
    Tuple args = Tuple.tuple().addArrayOfString(keys).addArrayOfInteger(totals).addArrayOfOffsetDateTime(firsts)
        .addArrayOfString(parts);
    pool.preparedQuery(HOLD).execute(args)
        .onComplete(ar -> {
          synchronized (queue) {
            inFlight--;
          }
          if (ar.failed()) {
            Throwable failure = PgErrors.map(ar.cause(), "hold parts of concatenated messages");
            batch.forEach(h -> answer(h, Future.failedFuture(failure)));
          } else {
            Map<String, Row> rows = new HashMap<>();
            ar.result().forEach(row -> rows.put(row.getString("set_key"), row));
            bySet.forEach((key, holds) -> answerSet(holds, rows.get(key)));
          }
          flush();
        });
  }

  /**
   * Answers the holds of one message in a batch: all DELIVERED or all WAITING, or, once whole, WHOLE to the last
   * of them (it records the message) and WAITING to the others.
   */
  private static void answerSet(List<Hold> holds, Row row) {
    HeldParts state;
    try {
      state = held(row);
    } catch (RuntimeException e) {
      holds.forEach(h -> answer(h, Future.failedFuture(e)));
      return;
    }
    for (int k = 0; k < holds.size(); k++) {
      boolean last = k == holds.size() - 1;
      answer(holds.get(k), Future.succeededFuture(state.status() != HeldParts.Status.WHOLE || last ? state
          : new HeldParts(HeldParts.Status.WAITING, List.of())));
    }
  }

  private static HeldParts held(Row set) {
    if (set.getOffsetDateTime("delivered_at") != null) {
      return new HeldParts(HeldParts.Status.DELIVERED, List.of());
    }
    Object whole = set.getValue("whole");
    return whole == null ? new HeldParts(HeldParts.Status.WAITING, List.of())
        : new HeldParts(HeldParts.Status.WHOLE, parts((JsonObject) whole));
  }

  /** Answers on the caller's context. */
  private static void answer(Hold h, Future<HeldParts> result) {
    if (h.context() == null) {
      h.promise().handle(result);
    } else {
      h.context().runOnContext(v -> h.promise().handle(result));
    }
  }

  /** The parts of a set's JSON object, by number. */
  private static List<InboundSms> parts(JsonObject parts) {
    return parts.fieldNames().stream().map(Integer::parseInt).sorted()
        .map(n -> PartJson.read(parts.getString(Integer.toString(n)))).toList();
  }

  Future<Void> delivered(String setKey, Instant at) {
    return PgErrors.map(pool.preparedQuery(DELIVERED).execute(Tuple.of(setKey, odt(at))).mapEmpty(),
        "mark a concatenated message delivered");
  }

  Future<List<List<InboundSms>>> overdue(Instant firstBefore, int limit) {
    return PgErrors.map(pool.preparedQuery(OVERDUE).execute(Tuple.of(odt(firstBefore), limit)).map(rows -> {
      List<List<InboundSms>> sets = new ArrayList<>();
      rows.forEach(r -> sets.add(parts((JsonObject) r.getValue("parts"))));
      return sets;
    }), "read overdue concatenated messages");
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
