package dev.inlet.storage.postgres;

import dev.inlet.shared.limits.RateCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link RateCounters} in Redis, shared by every node of a production cluster. Each step is one Lua script, so it is
 * atomic whatever the number of nodes:
 * <ul>
 *   <li>window {@code inlet:limit:<key>@<start>}: INCRBY with a time-to-live of the window's end;</li>
 *   <li>lease set {@code inlet:lease:<key>}: a sorted set of holders scored by the end of their lease (epoch
 *       millis); expired ones are removed before counting, and the key lives as long as its last lease (measured
 *       from the caller's {@code now}, so the nodes' clocks decide, not Redis's).</li>
 * </ul>
 */
final class RedisRateCounters implements RateCounters {

  private static final String WINDOW_PREFIX = "inlet:limit:";
  private static final String LEASE_PREFIX = "inlet:lease:";

  /** KEYS[1] window; ARGV: cost, ttl ms. Answers the count after adding (never below 0). */
  private static final String ADD_SCRIPT = """
      local n = redis.call('INCRBY', KEYS[1], ARGV[1])
      if n < 0 then redis.call('SET', KEYS[1], 0) n = 0 end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return n""";

  /** KEYS[1] set; ARGV: holder, limit, until ms, now ms. Answers {granted, held, first end}. */
  private static final String ACQUIRE_SCRIPT = """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
      local held = redis.call('ZCARD', KEYS[1])
      if redis.call('ZSCORE', KEYS[1], ARGV[1]) or held < tonumber(ARGV[2]) then
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - tonumber(ARGV[4])))
        return {1, redis.call('ZCARD', KEYS[1]), 0}
      end
      local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      return {0, held, first[2]}""";

  private final Redis redis;

  RedisRateCounters(Vertx vertx, String uri) {
    this.redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(uri)
        .setMaxPoolSize(4)
        .setMaxPoolWaiting(16384)
        .setMaxWaitingHandlers(16384));
  }

  @Override
  public Future<WindowCount> add(String key, Duration window, long cost, Instant now) {
    long length = Math.max(1, window.toMillis());
    long start = Math.floorDiv(now.toEpochMilli(), length) * length;
    long end = start + length;
    long ttl = Math.max(1, end - now.toEpochMilli());
    return redis.send(Request.cmd(Command.EVAL).arg(ADD_SCRIPT).arg(1).arg(WINDOW_PREFIX + key + "@" + start)
            .arg(cost).arg(ttl))
        .map(r -> new WindowCount(r.toLong(), Instant.ofEpochMilli(end)));
  }

  @Override
  public Future<Lease> acquire(String key, String holder, int limit, Instant until, Instant now) {
    return redis.send(Request.cmd(Command.EVAL).arg(ACQUIRE_SCRIPT).arg(1).arg(LEASE_PREFIX + key)
            .arg(holder).arg(limit).arg(until.toEpochMilli()).arg(now.toEpochMilli()))
        .map(RedisRateCounters::lease);
  }

  private static Lease lease(Response r) {
    boolean granted = r.get(0).toLong() == 1;
    int held = r.get(1).toInteger();
    return new Lease(granted, held, granted ? null : Instant.ofEpochMilli(Long.parseLong(r.get(2).toString())));
  }

  @Override
  public Future<Void> release(String key, String holder) {
    return redis.send(Request.cmd(Command.ZREM).arg(LEASE_PREFIX + key).arg(holder)).mapEmpty();
  }

  @Override
  public Future<Void> ping() {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    redis.close();
    return Future.succeededFuture();
  }
}
