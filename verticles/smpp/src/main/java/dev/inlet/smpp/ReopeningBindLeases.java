package dev.inlet.smpp;

import dev.inlet.shared.lease.BindLease;
import dev.inlet.shared.lease.BindLeases;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bind leases whose store may not be reachable yet when the verticle starts (PostgreSQL down): every call opens it
 * first ({@code BindLeaseStores} keeps an opened store and retries a failed opening), so binds stand by and retry
 * instead of failing the node's start.
 */
final class ReopeningBindLeases implements BindLeases {

  private final Supplier<Future<BindLeases>> open;

  ReopeningBindLeases(Supplier<Future<BindLeases>> open) {
    this.open = open;
  }

  @Override
  public Future<Optional<BindLease>> acquire(String key, String holder, Duration ttl) {
    return open.get().compose(leases -> leases.acquire(key, holder, ttl));
  }

  @Override
  public Future<Optional<BindLease>> renew(BindLease lease, Duration ttl) {
    return open.get().compose(leases -> leases.renew(lease, ttl));
  }

  @Override
  public Future<Void> release(BindLease lease) {
    return open.get().compose(leases -> leases.release(lease));
  }
}
