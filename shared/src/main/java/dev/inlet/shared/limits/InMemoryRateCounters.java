package dev.inlet.shared.limits;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link RateCounters} in one JVM's memory (the {@code memory} storage kind, and tests). Expired entries are dropped as they are met. */
public final class InMemoryRateCounters implements RateCounters {

  private final Map<String, long[]> windows = new HashMap<>();
  private final Map<String, Map<String, Instant>> leases = new HashMap<>();
  private int calls;

  @Override
  public synchronized Future<WindowCount> add(String key, Duration window, long cost, Instant now) {
    Windows.Slot slot = Windows.slot(key, window, now);
    long[] count = windows.computeIfAbsent(slot.key(), k -> new long[] {0, slot.endsAt().toEpochMilli()});
    count[0] = Math.max(0, count[0] + cost);
    long result = count[0];
    if (++calls % 1024 == 0) {
      long nowMs = now.toEpochMilli();
      windows.values().removeIf(c -> c[1] <= nowMs);
      leases.values().forEach(set -> set.values().removeIf(until -> !until.isAfter(now)));
      leases.values().removeIf(Map::isEmpty);
    }
    return Future.succeededFuture(new WindowCount(result, slot.endsAt()));
  }

  @Override
  public synchronized Future<Lease> acquire(String key, String holder, int limit, Instant until, Instant now) {
    Map<String, Instant> set = leases.computeIfAbsent(key, k -> new HashMap<>());
    set.values().removeIf(end -> !end.isAfter(now));
    if (set.containsKey(holder) || set.size() < limit) {
      set.put(holder, until);
      return Future.succeededFuture(new Lease(true, set.size(), null));
    }
    Instant first = set.values().stream().min(Instant::compareTo).orElse(now);
    return Future.succeededFuture(new Lease(false, set.size(), first));
  }

  @Override
  public synchronized Future<Void> release(String key, String holder) {
    Map<String, Instant> set = leases.get(key);
    if (set != null) {
      set.remove(holder);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }
}
