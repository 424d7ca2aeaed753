package dev.inlet.storage.postgres;

import dev.inlet.shared.message.Rental;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot, expiring state in Redis, a cache of what PostgreSQL decided (written through after each commit):
 * <ul>
 *   <li>{@code inlet:rental:<number>}: the number's current rental as JSON, expiring with it (plus its
 *       cooling-off once ended);</li>
 *   <li>{@code inlet:expiry}: active session ids scored by their expiry (epoch millis), and {@code inlet:idle}
 *       scored by their last activity (last message, else start): where {@code expireDue} finds its candidates
 *       without scanning PostgreSQL;</li>
 *   <li>{@code inlet:built}: the marker that the cache was loaded from PostgreSQL. Missing (Redis flushed or
 *       restarted empty) or a failed write means the cache may be incomplete: it is rebuilt from the active rentals in
 *       PostgreSQL, and meanwhile readers use PostgreSQL.</li>
 * </ul>
 * Nothing is decided here: a Redis that is down only costs speed (the callers fall back to PostgreSQL).
 */
final class RedisHotState {

  private static final Logger LOG = LoggerFactory.getLogger(RedisHotState.class);

  static final String DEFAULT_URI = "redis://127.0.0.1:6379/0";
  static final String EXPIRY = "inlet:expiry";
  static final String IDLE = "inlet:idle";
  static final String BUILT = "inlet:built";
  static final String RENTAL = "inlet:rental:";
  /** How long an active rental's key outlives its expiry (covers the routing grace). */
  static final Duration HOLD_MARGIN = Duration.ofMinutes(10);
  /** Redis commands per batch. */
  static final int BATCH = 1024;
  private static final long RETRY_REBUILD_MS = 5_000;

  /** Writes an ended rental unless the number's key already holds a newer rental. */
  private static final String END_SCRIPT = """
      local cur = redis.call('GET', KEYS[1])
      if cur and cjson.decode(cur)['sessionId'] ~= ARGV[1] then return 0 end
      if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else redis.call('DEL', KEYS[1]) end
      return 1""";

  /** How long recorded activity may wait to be written. */
  static final long ACTIVITY_FLUSH_MS = 200;

  private final Vertx vertx;
  private final Redis redis;
  private final String where;
  private final Map<String, Instant> pendingActivity = new HashMap<>();
  private boolean activityScheduled;
  /** Whether the cache is known to be complete: built, and no write-through failed since. */
  private volatile boolean complete;
  private volatile long lastRebuildAttempt;
  private Future<Void> rebuilding;
  private volatile long lastWarning;

  RedisHotState(Vertx vertx, String uri, int poolSize) {
    this.vertx = vertx;
    this.redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(uri)
        .setMaxPoolSize(poolSize)
        .setMaxPoolWaiting(16384)
        .setMaxWaitingHandlers(16384));
    this.where = uri.replaceAll("//[^@/]*@", "//");
  }

  String where() {
    return where;
  }

  boolean complete() {
    return complete;
  }

  Future<Void> ping() {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  Future<Void> close() {
    return redis.close();
  }

  // ---- write-through ----------------------------------------------------------------------

  /** A rental that holds its number (claimed, extended). */
  void active(Rental r) {
    long now = System.currentTimeMillis();
    long ttl = Math.max(1, r.expiresAt().plus(HOLD_MARGIN).toEpochMilli() - now);
    Instant activity = r.lastSmsAt() == null ? r.startedAt() : r.lastSmsAt();
    write(List.of(
        Request.cmd(Command.SET).arg(RENTAL + r.number()).arg(json(r)).arg("PX").arg(ttl),
        Request.cmd(Command.ZADD).arg(EXPIRY).arg(r.expiresAt().toEpochMilli()).arg(r.sessionId()),
        Request.cmd(Command.ZADD).arg(IDLE).arg("GT").arg(activity.toEpochMilli()).arg(r.sessionId())));
  }

  /** Rentals that ended: out of the expiry sets; their number's key lives on through the cooling-off. */
  void ended(List<Rental> rentals, Duration cooldown) {
    if (rentals.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    List<Request> batch = new ArrayList<>();
    Request zremExpiry = Request.cmd(Command.ZREM).arg(EXPIRY);
    Request zremIdle = Request.cmd(Command.ZREM).arg(IDLE);
    for (Rental r : rentals) {
      long ttl = r.until().plus(cooldown).toEpochMilli() - now;
      batch.add(Request.cmd(Command.EVAL).arg(END_SCRIPT).arg(1).arg(RENTAL + r.number())
          .arg(r.sessionId()).arg(json(r)).arg(ttl));
      zremExpiry.arg(r.sessionId());
      zremIdle.arg(r.sessionId());
    }
    batch.add(zremExpiry);
    batch.add(zremIdle);
    write(batch);
  }

  /**
   * Sessions that received a message at the given times (their idle clock restarts). Written within
   * {@link #ACTIVITY_FLUSH_MS}, one command for all the batches recorded meanwhile (not one per batch): an idle
   * candidate that the cache names too early is checked against PostgreSQL, which has the time, and corrected.
   */
  void activity(Map<String, Instant> lastSmsAt) {
    if (lastSmsAt.isEmpty()) {
      return;
    }
    boolean schedule;
    synchronized (pendingActivity) {
      lastSmsAt.forEach((session, at) -> pendingActivity.merge(session, at, (a, b) -> a.isAfter(b) ? a : b));
      schedule = !activityScheduled;
      activityScheduled = true;
    }
    if (schedule) {
      vertx.setTimer(ACTIVITY_FLUSH_MS, id -> flushActivity());
    }
  }

  private void flushActivity() {
    Request zadd = Request.cmd(Command.ZADD).arg(IDLE).arg("XX").arg("GT");
    synchronized (pendingActivity) {
      pendingActivity.forEach((session, at) -> zadd.arg(at.toEpochMilli()).arg(session));
      pendingActivity.clear();
      activityScheduled = false;
    }
    write(List.of(zadd));
  }

  /** Session ids that the cache says were never due (stale candidates): dropped from the sets. */
  void forget(List<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return;
    }
    Request zremExpiry = Request.cmd(Command.ZREM).arg(EXPIRY);
    Request zremIdle = Request.cmd(Command.ZREM).arg(IDLE);
    sessionIds.forEach(s -> {
      zremExpiry.arg(s);
      zremIdle.arg(s);
    });
    write(List.of(zremExpiry, zremIdle));
  }

  private void write(List<Request> batch) {
    redis.batch(batch).onFailure(t -> {
      complete = false;
      warn("Redis write failed, the cache will be rebuilt from PostgreSQL", t);
    });
  }

  // ---- reads ------------------------------------------------------------------------------

  /**
   * The session ids that may be due at {@code now} (expired, or idle for {@code idle}); empty when the cache cannot
   * tell (Redis down, flushed, not rebuilt yet): then ask PostgreSQL.
   */
  Future<Optional<List<String>>> dueCandidates(Instant now, Duration idle, int limit) {
    if (!complete) {
      return Future.succeededFuture(Optional.empty());
    }
    List<Request> batch = new ArrayList<>();
    batch.add(Request.cmd(Command.EXISTS).arg(BUILT));
    batch.add(Request.cmd(Command.ZRANGEBYSCORE).arg(EXPIRY).arg("-inf").arg(now.toEpochMilli())
        .arg("LIMIT").arg(0).arg(limit));
    if (idle != null) {
      batch.add(Request.cmd(Command.ZRANGEBYSCORE).arg(IDLE).arg("-inf").arg(now.minus(idle).toEpochMilli())
          .arg("LIMIT").arg(0).arg(limit));
    }
    return redis.batch(batch).<Optional<List<String>>>map(answers -> {
      if (answers.get(0).toInteger() == 0) {
        complete = false;
        lastRebuildAttempt = 0; // rebuild at the next chance, not after the retry delay
        LOG.warn("Redis {} lost its cache (marker {} missing): rebuilding it from PostgreSQL", where, BUILT);
        return Optional.empty();
      }
      Set<String> ids = new LinkedHashSet<>();
      for (int i = 1; i < answers.size(); i++) {
        answers.get(i).forEach(r -> ids.add(r.toString()));
      }
      return Optional.of(new ArrayList<>(ids));
    }).recover(t -> {
      complete = false;
      warn("Redis is unreachable, expiry reads PostgreSQL", t);
      return Future.succeededFuture(Optional.empty());
    });
  }

  // ---- rebuild ----------------------------------------------------------------------------

  /**
   * Makes the cache complete if it is not known to be: checks the marker, and if it is missing loads every active
   * rental from PostgreSQL ({@code page(afterSessionId, limit)}) and sets the marker. Never fails (a Redis that is
   * down is tried again later).
   */
  synchronized Future<Void> ensureBuilt(BiFunction<Rental, Integer, Future<List<Rental>>> page, boolean force) {
    if (complete && !force) {
      return Future.succeededFuture();
    }
    if (rebuilding != null) {
      return rebuilding;
    }
    long now = System.currentTimeMillis();
    if (!force && now - lastRebuildAttempt < RETRY_REBUILD_MS) {
      return Future.succeededFuture();
    }
    lastRebuildAttempt = now;
    Future<Void> f = redis.send(Request.cmd(Command.EXISTS).arg(BUILT))
        .compose(exists -> exists.toInteger() == 1 && !force ? markComplete() : rebuild(page, null, 0))
        .recover(t -> {
          warn("Redis cache could not be built, will try again", t);
          return Future.succeededFuture();
        });
    rebuilding = f;
    f.onComplete(ar -> {
      synchronized (this) {
        rebuilding = null;
      }
    });
    return f;
  }

  private Future<Void> markComplete() {
    complete = true;
    return Future.succeededFuture();
  }

  private Future<Void> rebuild(BiFunction<Rental, Integer, Future<List<Rental>>> page, Rental after, int done) {
    int pageSize = BATCH / 3;
    return page.apply(after, pageSize).compose(rentals -> {
      if (rentals.isEmpty()) {
        complete = true;
        LOG.info("Redis {} rebuilt from PostgreSQL: {} active rental(s)", where, done);
        return redis.send(Request.cmd(Command.SET).arg(BUILT).arg(Instant.now().toString())).mapEmpty();
      }
      long now = System.currentTimeMillis();
      List<Request> batch = new ArrayList<>();
      for (Rental r : rentals) {
        long ttl = Math.max(1, r.expiresAt().plus(HOLD_MARGIN).toEpochMilli() - now);
        Instant activity = r.lastSmsAt() == null ? r.startedAt() : r.lastSmsAt();
        batch.add(Request.cmd(Command.SET).arg(RENTAL + r.number()).arg(json(r)).arg("PX").arg(ttl));
        batch.add(Request.cmd(Command.ZADD).arg(EXPIRY).arg(r.expiresAt().toEpochMilli()).arg(r.sessionId()));
        batch.add(Request.cmd(Command.ZADD).arg(IDLE).arg(activity.toEpochMilli()).arg(r.sessionId()));
      }
      Rental last = rentals.get(rentals.size() - 1);
      return redis.batch(batch).compose(v -> rebuild(page, last, done + rentals.size()));
    });
  }

  /** The cached rental of a number, if any (informational: PostgreSQL decides). */
  Future<Optional<Rental>> rentalOf(String number) {
    return redis.send(Request.cmd(Command.GET).arg(RENTAL + number))
        .map(r -> Optional.ofNullable(r).map(Response::toString).map(s -> new JsonObject(s).mapTo(Rental.class)));
  }

  private static String json(Rental r) {
    return JsonObject.mapFrom(r).encode();
  }

  private void warn(String what, Throwable t) {
    long now = System.currentTimeMillis();
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      LOG.warn("{} ({}): {}", what, where, t.toString());
    }
  }
}
