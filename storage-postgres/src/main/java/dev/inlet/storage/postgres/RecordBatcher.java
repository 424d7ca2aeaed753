package dev.inlet.storage.postgres;

import static dev.inlet.storage.postgres.PgRows.micros;
import static dev.inlet.storage.postgres.PgRows.odt;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.Recorded;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records inbound messages in batches: the messages that arrive within the same event-loop tick, or while earlier
 * batches are in flight, go to PostgreSQL together as ONE statement (arrays unnested, CTEs that find each message's
 * holder, insert it, and mark its rental used): one round trip for a whole batch.
 *
 * <p>A message's dedup claim is the message itself: each message recorded under a key is a generation of that key,
 * and the unique index {@code messages_dedup} (the key's 64-bit hash, generation) lets exactly one of concurrent
 * deliveries (any node) store generation n ({@code ON CONFLICT DO NOTHING} waits for the other one to commit). A
 * message that loses is rare (a retry, or the same text again): a second statement ({@link #LATEST}) reads the key's
 * last generation, and the message is either its duplicate (still claimed: within the window, not settled) or goes
 * again as a later generation (also when it ran into another key with the same hash). A batch never carries one
 * dedup key twice (the second waits for the next batch).
 *
 * <p>Each stored message gets its {@code position} from the one counter of {@code message_positions}, which the
 * statement moves on by the batch's messages while it holds that row's lock until commit: a batch that wants positions
 * waits until the one before it committed, so positions commit in order and a reader paging an inbox (or the unmatched
 * archive) after the last message it saw skips none (a sequence such as {@code seq}, taken without a lock, gives a
 * batch that commits later lower numbers). Positions grow across all inboxes; within one inbox they only increase
 * (a duplicate leaves a gap). One counter for all (instead of one per rental) saves a row update per message: a
 * rental's {@code last_sms_at} is written only when it moves on by a second or more, so it is exact to the second.
 *
 * <p>Messages go into lanes by destination number; each lane sends its batches on a connection of its own, up to
 * {@link #PIPELINED} at once (pipelined: PostgreSQL runs them back to back, and the next batch is already there when
 * one commits). Rows are locked in one order: the numbers turning IN_USE, the rentals whose last SMS time moves on,
 * sorted by session id, the position counter, the messages. A batch that still loses a deadlock (e.g. two nodes'
 * batches storing the same dedup keys) is simply sent again: it is one statement, so nothing of it was kept.
 */
final class RecordBatcher {

  static final int MAX_BATCH = 1024;
  /** Batches in flight per lane, pipelined on the lane's connection. */
  static final int PIPELINED = 2;
  /** The fewest messages that go as a second batch while one is in flight. */
  static final int MIN_PIPELINED_BATCH = 32;
  private static final int ATTEMPTS = 3;

  /** Times one message goes again as a later generation of its key before the store gives up on it. */
  private static final int MAX_GENERATION_TRIES = 16;

  static final String RECORD = """
      WITH input AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                             $7::text[], $8::text[], $9::text[], $10::text[], $12::int[], $13::text[])
          WITH ORDINALITY AS t(id, num, sender, body, received_at, sent_at, source, source_ref, dedup_key, code, gen,
                               arrival, ord)
      ),
      known AS MATERIALIZED (
        SELECT i.*, h.session_id AS holder, n.state = 'RESERVED' AND n.session_id = h.session_id AS first_sms
        FROM input i
        JOIN numbers n ON n.number = i.num
        LEFT JOIN LATERAL (
          SELECT r.session_id FROM (
            SELECT session_id, started_at, seq, expires_at, ended_at FROM rentals
            WHERE number = i.num AND started_at <= i.received_at
            ORDER BY started_at DESC, seq DESC LIMIT 4) r
          WHERE i.received_at < least(coalesce(r.ended_at, 'infinity'), r.expires_at) + $11 * interval '1 millisecond'
          ORDER BY r.started_at DESC, r.seq DESC LIMIT 1) h ON true
      ),
      used AS (
        SELECT holder, num, bool_or(first_sms) AS first_sms FROM known WHERE holder IS NOT NULL GROUP BY holder, num
      ),
      in_use AS (
        UPDATE numbers n SET state = 'IN_USE' FROM used u
        WHERE u.first_sms AND n.number = u.num AND n.state = 'RESERVED' AND n.session_id = u.holder
        RETURNING n.number
      ),
      stale AS MATERIALIZED (
        SELECT r.session_id, u.at
        FROM (SELECT holder, max(received_at) AS at FROM known WHERE holder IS NOT NULL GROUP BY holder) u
        JOIN rentals r ON r.session_id = u.holder, (SELECT count(*) FROM in_use) after_numbers
        WHERE r.last_sms_at IS NULL OR r.last_sms_at <= u.at - interval '1 second'
        ORDER BY r.session_id FOR NO KEY UPDATE OF r
      ),
      touched AS (
        UPDATE rentals r SET last_sms_at = greatest(r.last_sms_at, s.at) FROM stale s
        WHERE r.session_id = s.session_id
        RETURNING r.session_id
      ),
      counter AS (
        UPDATE message_positions p SET last = p.last + c.n
        FROM (SELECT count(*) AS n FROM known) c, (SELECT count(*) FROM touched) after_rentals
        WHERE c.n > 0
        RETURNING p.last - c.n AS base
      ),
      stored AS (
        INSERT INTO messages (id, session_id, number, sender, text, code, received_at, sent_at, source, source_ref,
                              dedup_key, dedup_gen, arrival, position)
        SELECT f.id, f.holder, f.num, f.sender, f.body, f.code, f.received_at, f.sent_at, f.source, f.source_ref,
               f.dedup_key, CASE WHEN f.dedup_key IS NOT NULL THEN f.gen END, f.arrival,
               b.base + row_number() OVER (ORDER BY f.ord)
        FROM known f, counter b
        ORDER BY f.ord
        ON CONFLICT DO NOTHING
        RETURNING id
      )
      SELECT i.ord, k.ord IS NOT NULL AS known, k.holder, s.id IS NOT NULL AS inserted
      FROM input i
      LEFT JOIN known k ON k.ord = i.ord
      LEFT JOIN stored s ON s.id = i.id
      """;

  /**
   * For the messages of a batch that were not inserted (ids $1, dedup keys $2, times $3; window $4 ms): the message
   * stored with the same id if there is one, else the last generation of the key, and whether that one still claims
   * the key (within the window, and neither settled by name nor by its session's horizon unless kept claimed). A
   * second statement, sent only for a batch that had such messages (rare), so that the record statement stays small.
   */
  static final String LATEST = """
      SELECT x.ord, m.id, m.session_id, m.number, m.sender, m.text, m.code, m.received_at, m.sent_at, m.dedup_gen,
             m.id = x.id AS same,
             x.received_at < m.received_at + $4 * interval '1 millisecond'
               AND m.dedup_settled IS DISTINCT FROM true
               AND (m.dedup_settled IS NOT NULL OR m.arrival IS NULL OR NOT EXISTS (
                 SELECT 1 FROM session_horizons h WHERE h.arrival = m.arrival AND h.until >= m.received_at)) AS claimed
      FROM unnest($1::text[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS x(id, key, received_at, ord)
      JOIN LATERAL (
        (SELECT * FROM messages m WHERE m.id = x.id)
        UNION ALL
        (SELECT * FROM messages m
         WHERE x.key IS NOT NULL AND hashtextextended(m.dedup_key, 0) = hashtextextended(x.key, 0)
           AND m.dedup_gen IS NOT NULL
           AND m.dedup_key = x.key
         ORDER BY m.dedup_gen DESC LIMIT 1)
        LIMIT 1) m ON true
      """;

  private record Key(long graceMs, long windowMs) {
  }

  /** A message waiting to be recorded as generation {@code gen} of its dedup key, its {@code tries}-th time so. */
  private record Entry(InboundSms sms, String code, Promise<Recorded> promise, Context context, int gen, int tries) {

    Entry next(int nextGen) {
      return new Entry(sms, code, promise, context, nextGen, tries + 1);
    }
  }

  /** An outcome of a batch: this message goes again, as generation {@code gen} of its key. */
  private record Again(int gen) {
  }

  /**
   * Messages waiting for their lane, by the settings they were submitted with; the batches in flight; the lane's
   * connection (taken from the pool when first needed, and again after it failed).
   */
  private final class Lane {
    final Map<Key, ArrayDeque<Entry>> pending = new LinkedHashMap<>();
    int inFlight;
    private Future<SqlConnection> connection;

    /**
     * Whether a batch may go now: when none is in flight; while one is, a second (pipelined) only once enough
     * messages wait, so that batches stay big (each statement has a fixed cost, about that of a dozen messages).
     */
    boolean mayGo() {
      int waiting = waiting();
      return waiting > 0 && (inFlight == 0 || (inFlight < PIPELINED && waiting >= MIN_PIPELINED_BATCH));
    }

    private int waiting() {
      int n = 0;
      for (ArrayDeque<Entry> queue : pending.values()) {
        n += queue.size();
      }
      return n;
    }

    /** The lane's connection: its batches are pipelined on it, so PostgreSQL runs them back to back, in order. */
    synchronized Future<SqlConnection> connection() {
      if (connection == null || connection.failed()) {
        Future<SqlConnection> opened = pool.getConnection();
        connection = opened;
        opened.onSuccess(c -> c.closeHandler(v -> dropConnection(opened)));
      }
      return connection;
    }

    /** Forgets the connection {@code failed} (closed, or its statement failed): the next batch takes a new one. */
    synchronized void dropConnection(Future<SqlConnection> failed) {
      if (connection == failed) {
        connection = null;
        failed.onSuccess(SqlConnection::close);
      }
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final RedisHotState hot;
  private final Lane[] lanes;
  private boolean scheduled;
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();

  /** {@code lanes}: how many batches may be in flight at once (one per lane). */
  RecordBatcher(Vertx vertx, Pool pool, RedisHotState hot, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("at least one lane, not " + lanes);
    }
    this.vertx = vertx;
    this.pool = pool;
    this.hot = hot;
    this.lanes = new Lane[lanes];
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = new Lane();
    }
  }

  private Lane laneOf(InboundSms sms) {
    return lanes[Math.floorMod(String.valueOf(sms.to()).hashCode(), lanes.length)];
  }

  /** Statements sent to PostgreSQL so far (each one round trip). */
  long roundTrips() {
    return roundTrips.get();
  }

  long batches() {
    return batches.get();
  }

  Future<Recorded> submit(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
    Context context = vertx.getOrCreateContext();
    Promise<Recorded> promise = Promise.promise();
    Key key = new Key(grace.toMillis(), dedupWindow == null ? 0 : dedupWindow.toMillis());
    Lane lane = laneOf(sms);
    boolean schedule;
    synchronized (this) {
      lane.pending.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Entry(sms, code, promise, context, 0, 0));
      schedule = !scheduled && lane.mayGo();
      scheduled |= schedule;
    }
    if (schedule) {
      // at the end of this tick: whatever else arrives meanwhile goes in the same batch
      context.runOnContext(v -> flush());
    }
    return promise.future();
  }

  /** Sends a batch from every lane that may send one now ({@link Lane#mayGo}). */
  private void flush() {
    synchronized (this) {
      scheduled = false;
    }
    for (Lane lane : lanes) {
      Key key;
      List<Entry> batch;
      synchronized (this) {
        if (!lane.mayGo()) {
          continue;
        }
        key = lane.pending.keySet().iterator().next();
        ArrayDeque<Entry> queue = lane.pending.get(key);
        batch = take(queue);
        if (queue.isEmpty()) {
          lane.pending.remove(key);
        }
        lane.inFlight++;
      }
      batches.incrementAndGet();
      send(lane, key, batch, 1).onComplete(ar -> {
        List<Entry> again = complete(batch, ar);
        synchronized (this) {
          lane.inFlight--;
          if (!again.isEmpty()) {
            // first in line: they have waited longest
            ArrayDeque<Entry> queue = lane.pending.computeIfAbsent(key, k -> new ArrayDeque<>());
            for (int i = again.size() - 1; i >= 0; i--) {
              queue.addFirst(again.get(i));
            }
          }
        }
        flush();
      });
    }
  }

  /** Up to {@link #MAX_BATCH} entries, no dedup key twice; the rest stay queued in order. */
  private static List<Entry> take(ArrayDeque<Entry> queue) {
    List<Entry> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    Set<String> keys = new HashSet<>();
    Iterator<Entry> it = queue.iterator();
    while (it.hasNext() && batch.size() < MAX_BATCH) {
      Entry e = it.next();
      String k = e.sms().dedupKey();
      if (k == null || keys.add(k)) {
        batch.add(e);
        it.remove();
      }
    }
    return batch;
  }

  private Future<List<Object>> send(Lane lane, Key key, List<Entry> batch, int attempt) {
    int n = batch.size();
    String[] id = new String[n];
    String[] to = new String[n];
    String[] from = new String[n];
    String[] text = new String[n];
    OffsetDateTime[] received = new OffsetDateTime[n];
    OffsetDateTime[] sent = new OffsetDateTime[n];
    String[] source = new String[n];
    String[] sourceRef = new String[n];
    String[] dedupKey = new String[n];
    String[] code = new String[n];
    Integer[] gen = new Integer[n];
    String[] arrival = new String[n];
    for (int i = 0; i < n; i++) {
      InboundSms s = batch.get(i).sms();
      id[i] = s.id();
      to[i] = s.to();
      from[i] = s.from();
      text[i] = s.text();
      received[i] = odt(s.receivedAt());
      sent[i] = odt(s.sentAt());
      source[i] = s.source();
      sourceRef[i] = s.sourceRef();
      dedupKey[i] = s.dedupKey();
      code[i] = batch.get(i).code();
      gen[i] = batch.get(i).gen();
      arrival[i] = s.arrival();
    }
    Tuple args = Tuple.tuple().addArrayOfString(id).addArrayOfString(to).addArrayOfString(from)
        .addArrayOfString(text).addArrayOfOffsetDateTime(received).addArrayOfOffsetDateTime(sent)
        .addArrayOfString(source).addArrayOfString(sourceRef).addArrayOfString(dedupKey).addArrayOfString(code)
        .addLong(key.graceMs()).addArrayOfInteger(gen).addArrayOfString(arrival);
    roundTrips.incrementAndGet();
    Future<SqlConnection> connection = lane.connection();
    return connection.compose(c -> c.preparedQuery(RECORD).execute(args))
        .onFailure(t -> {
          if (!(t instanceof PgException)) {
            lane.dropConnection(connection); // not an error of the statement: the connection may be broken
          }
        })
        .compose(rows -> outcomes(lane, key, batch, rows))
        .recover(t -> attempt < ATTEMPTS && PgErrors.retryable(t)
            ? send(lane, key, batch, attempt + 1)
            : Future.failedFuture(PgErrors.map(t, "record messages")));
  }

  /**
   * Per entry (in order) a {@link Recorded}, the failure to answer, or {@link Again} (it goes again as a later
   * generation of its key).
   */
  private Future<List<Object>> outcomes(Lane lane, Key key, List<Entry> batch, RowSet<Row> rows) {
    Object[] out = new Object[batch.size()];
    List<Integer> conflicts = new ArrayList<>();
    Map<String, Instant> activity = new HashMap<>();
    for (Row row : rows) {
      int i = row.getLong("ord").intValue() - 1;
      Entry e = batch.get(i);
      InboundSms sms = e.sms();
      if (!row.getBoolean("known")) {
        out[i] = Failure.UNKNOWN_NUMBER.exception("number " + sms.to() + " is not in the pool");
      } else if (row.getBoolean("inserted")) {
        String holder = row.getString("holder");
        Instant at = micros(sms.receivedAt());
        out[i] = new Recorded(new StoredSms(sms.id(), holder, sms.to(), sms.from(), sms.text(), e.code(), at,
            micros(sms.sentAt())), false);
        if (holder != null) {
          activity.merge(holder, at, (a, b) -> a.isAfter(b) ? a : b);
        }
      } else {
        conflicts.add(i);
      }
    }
    hot.activity(activity);
    if (conflicts.isEmpty()) {
      return Future.succeededFuture(List.of(out));
    }
    int n = conflicts.size();
    String[] ids = new String[n];
    String[] keys = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int j = 0; j < n; j++) {
      InboundSms sms = batch.get(conflicts.get(j)).sms();
      ids[j] = sms.id();
      keys[j] = sms.dedupKey();
      times[j] = odt(sms.receivedAt());
    }
    roundTrips.incrementAndGet();
    // on the lane's connection: the lane holds the record pool's connections
    return lane.connection().compose(c -> c.preparedQuery(LATEST).execute(Tuple.tuple().addArrayOfString(ids)
        .addArrayOfString(keys).addArrayOfOffsetDateTime(times).addLong(key.windowMs()))).map(found -> {
      for (Row row : found) {
        int i = conflicts.get(row.getLong("ord").intValue() - 1);
        Entry e = batch.get(i);
        if (row.getBoolean("same") || row.getBoolean("claimed")) {
          out[i] = new Recorded(PgRows.message(row), true);
        } else if (e.tries() < MAX_GENERATION_TRIES) {
          out[i] = new Again(Math.max(row.getInteger("dedup_gen"), e.gen()) + 1);
        }
      }
      for (int i : conflicts) {
        if (out[i] == null && batch.get(i).tries() < MAX_GENERATION_TRIES) {
          // no generation of its own key: it ran into another key with the same hash (or one just purged)
          out[i] = new Again(batch.get(i).gen() + 1);
        } else if (out[i] == null) {
          out[i] = Failure.STORE_UNAVAILABLE.exception("message " + batch.get(i).sms().id() + " ran into other"
              + " messages with its dedup key " + MAX_GENERATION_TRIES + " times; try again");
        }
      }
      return List.of(out);
    });
  }

  /**
   * Answers every entry, on the context it was submitted from, but those that go again (as later generations of their
   * keys): those it returns, in order.
   */
  private static List<Entry> complete(List<Entry> batch, AsyncResult<List<Object>> ar) {
    Map<Context, List<Runnable>> byContext = new IdentityHashMap<>();
    List<Entry> again = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Entry e = batch.get(i);
      Runnable answer;
      if (ar.failed()) {
        answer = () -> e.promise().fail(ar.cause());
      } else {
        Object o = ar.result().get(i);
        if (o instanceof Again a) {
          again.add(e.next(a.gen()));
          continue;
        }
        answer = o instanceof Recorded r ? () -> e.promise().complete(r) : () -> e.promise().fail((Throwable) o);
      }
      byContext.computeIfAbsent(e.context(), c -> new ArrayList<>()).add(answer);
    }
    byContext.forEach((context, answers) -> context.runOnContext(v -> answers.forEach(Runnable::run)));
    return again;
  }
}
