package dev.inlet.shared.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * {@link RateCounters} in Vert.x shared data (the {@code embedded} storage kind): in the node's memory, or across a
 * Hazelcast cluster, where every node sees the same counts. Each step takes the key's cluster-wide lock, reads,
 * writes with a time-to-live and unlocks.
 */
public final class SharedDataRateCounters implements RateCounters {

  private static final String MAP = "inlet.limits";
  private static final String LOCK_PREFIX = "inlet.limits.";
  /**
   * How long a step waits for its key's locks. Steps on one key run one at a time, each a few clustered map calls: a
   * burst of 30 on one key took more than 5 s on a loaded 2-core CI machine (one timed out), so 15 s.
   */
  private static final long LOCK_TIMEOUT_MS = 15_000;

  private final SharedData data;
  private Future<AsyncMap<String, JsonObject>> map;

  public SharedDataRateCounters(Vertx vertx) {
    this.data = vertx.sharedData();
  }

  private synchronized Future<AsyncMap<String, JsonObject>> map() {
    if (map == null || map.failed()) {
      map = data.getAsyncMap(MAP);
    }
    return map;
  }

  @Override
  public Future<WindowCount> add(String key, Duration window, long cost, Instant now) {
    Windows.Slot slot = Windows.slot(key, window, now); // no "@" in names: Hazelcast reads name@group
    long ttl = Math.max(1, slot.endsAt().toEpochMilli() - now.toEpochMilli());
    return locked(slot.key(), m -> m.get(slot.key()).compose(current -> {
      long count = Math.max(0, (current == null ? 0 : current.getLong("n", 0L)) + cost);
      return m.put(slot.key(), new JsonObject().put("n", count), ttl)
          .map(v -> new WindowCount(count, slot.endsAt()));
    }));
  }

  @Override
  public Future<Lease> acquire(String key, String holder, int limit, Instant until, Instant now) {
    return locked(key, m -> m.get(key).compose(current -> {
      JsonObject set = current == null ? new JsonObject() : current;
      long nowMs = now.toEpochMilli();
      set.getMap().entrySet().removeIf(e -> ((Number) e.getValue()).longValue() <= nowMs);
      if (set.containsKey(holder) || set.size() < limit) {
        set.put(holder, until.toEpochMilli());
        return m.put(key, set, ttl(set, nowMs)).map(v -> new Lease(true, set.size(), null));
      }
      long first = set.getMap().values().stream().mapToLong(v -> ((Number) v).longValue()).min().orElse(nowMs);
      return Future.succeededFuture(new Lease(false, set.size(), Instant.ofEpochMilli(first)));
    }));
  }

  @Override
  public Future<Void> release(String key, String holder) {
    return locked(key, m -> m.get(key).compose(current -> {
      if (current == null || current.remove(holder) == null) {
        return Future.<Void>succeededFuture();
      }
      return current.isEmpty() ? m.remove(key).<Void>mapEmpty()
          : m.put(key, current, ttl(current, System.currentTimeMillis()));
    }));
  }

  @Override
  public Future<Void> ping() {
    return map().mapEmpty();
  }

  private static long ttl(JsonObject set, long nowMs) {
    long last = set.getMap().values().stream().mapToLong(v -> ((Number) v).longValue()).max().orElse(nowMs);
    return Math.max(1, last - nowMs);
  }

  /**
   * Runs a step under the key's lock. Hazelcast's lock (IMap.lock) belongs to a thread and is re-entrant, and Vert.x
   * takes it on any worker thread: two steps of one node could both hold it. So a node-local lock comes first (one
   * step per key per node), then the cluster-wide one (one node at a time).
   */
  private <T> Future<T> locked(String key, Function<AsyncMap<String, JsonObject>, Future<T>> step) {
    String name = LOCK_PREFIX + key;
    return data.getLocalLockWithTimeout(name + ".local", LOCK_TIMEOUT_MS).compose(local ->
        data.getLockWithTimeout(name, LOCK_TIMEOUT_MS)
            .compose(cluster -> {
              Future<T> done;
              try {
                done = map().compose(step);
              } catch (RuntimeException e) {
                done = Future.failedFuture(e);
              }
              return done.andThen(ar -> cluster.release());
            })
            .andThen(ar -> local.release()));
  }
}
