package dev.inlet.shared.lease;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bind leases in a Vert.x shared-data map ({@value #MAP}): local to the node, or a Hazelcast map across a cluster.
 * Each slot's entry (encoded JSON: holder, token, expiry in epoch ms by the deciding node's clock) is only ever
 * replaced by compare-and-set ({@code putIfAbsent}, {@code replaceIfPresent} with the value read), never removed,
 * so tokens only grow.
 *
 * <p>Lab grade: nodes' wall clocks must agree, and a Hazelcast member cut off from the others (frozen, partitioned)
 * keeps its own copy of the map, where its lease may still look current. Production uses PostgreSQL.
 */
public final class SharedDataBindLeases implements BindLeases {

  static final String MAP = "inlet.smpp.bind-leases";
  private static final int ATTEMPTS = 5;

  private final Vertx vertx;

  public SharedDataBindLeases(Vertx vertx) {
    this.vertx = vertx;
  }

  private record Entry(String holder, long token, long expiresAtMs) {
    static Entry parse(String json) {
      JsonObject o = new JsonObject(json);
      return new Entry(o.getString("holder"), o.getLong("token"), o.getLong("expiresAt"));
    }

    String encode() {
      return new JsonObject().put("holder", holder).put("token", token).put("expiresAt", expiresAtMs).encode();
    }

    BindLease lease(String key) {
      return new BindLease(key, holder, token, Instant.ofEpochMilli(expiresAtMs));
    }
  }

  private Future<AsyncMap<String, String>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }

  @Override
  public Future<Optional<BindLease>> acquire(String key, String holder, Duration ttl) {
    return map().compose(m -> acquire(m, key, holder, ttl, ATTEMPTS));
  }

  private Future<Optional<BindLease>> acquire(AsyncMap<String, String> m, String key, String holder, Duration ttl,
                                              int attempts) {
    if (attempts == 0) {
      return Future.succeededFuture(Optional.empty()); // others keep changing it: someone else is taking it
    }
    return m.get(key).compose(current -> {
      long now = System.currentTimeMillis();
      if (current == null) {
        Entry fresh = new Entry(holder, 1, now + ttl.toMillis());
        return m.putIfAbsent(key, fresh.encode()).compose(previous -> previous == null
            ? Future.succeededFuture(Optional.of(fresh.lease(key)))
            : acquire(m, key, holder, ttl, attempts - 1));
      }
      Entry held = Entry.parse(current);
      boolean mine = held.holder().equals(holder);
      if (!mine && held.expiresAtMs() > now) {
        return Future.succeededFuture(Optional.empty());
      }
      Entry next = new Entry(holder, mine ? held.token() : held.token() + 1, now + ttl.toMillis());
      return m.replaceIfPresent(key, current, next.encode()).compose(replaced -> replaced
          ? Future.succeededFuture(Optional.of(next.lease(key)))
          : acquire(m, key, holder, ttl, attempts - 1));
    });
  }

  @Override
  public Future<Optional<BindLease>> renew(BindLease lease, Duration ttl) {
    return map().compose(m -> m.get(lease.key()).compose(current -> {
      if (current == null || !isCurrent(Entry.parse(current), lease)) {
        return Future.succeededFuture(Optional.<BindLease>empty());
      }
      Entry next = new Entry(lease.holder(), lease.token(), System.currentTimeMillis() + ttl.toMillis());
      return m.replaceIfPresent(lease.key(), current, next.encode())
          .map(replaced -> replaced ? Optional.of(next.lease(lease.key())) : Optional.<BindLease>empty());
    }));
  }

  @Override
  public Future<Void> release(BindLease lease) {
    return map().compose(m -> m.get(lease.key()).compose(current -> {
      if (current == null || !isCurrent(Entry.parse(current), lease)) {
        return Future.<Void>succeededFuture();
      }
      Entry released = new Entry(lease.holder(), lease.token(), 0);
      return m.replaceIfPresent(lease.key(), current, released.encode()).mapEmpty();
    }));
  }

  private static boolean isCurrent(Entry entry, BindLease lease) {
    return entry.holder().equals(lease.holder()) && entry.token() == lease.token();
  }
}
