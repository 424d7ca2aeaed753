package dev.inlet.smpp;

import dev.inlet.shared.lease.BindLease;
import dev.inlet.shared.lease.BindLeases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The places of aggregator accounts across the cluster: an account with {@code maxBinds} has that many slots
 * ({@code aggregator:<systemId>#i}), each a {@link BindLease} held by one session on one node while it is bound. A
 * bind gets the first free slot or none (ESME_RALYBND). Held places are renewed every third of the lease; a place a
 * node could not renew in time (it froze, or the store was unreachable) may go to another bind, and its session is
 * closed. A node that dies frees its places when their leases run out.
 */
final class AggregatorPlaces {

  private static final Logger LOG = LoggerFactory.getLogger(AggregatorPlaces.class);

  private final Vertx vertx;
  private final BindLeases leases;
  private final Duration ttl;
  private final String node = BindStatus.NODE + "/" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<Long, BindLease> held = new ConcurrentHashMap<>();
  private final Map<Long, Long> claimedAtNanos = new ConcurrentHashMap<>();
  private long timer = -1;

  AggregatorPlaces(Vertx vertx, BindLeases leases, Duration ttl) {
    this.vertx = vertx;
    this.leases = leases;
    this.ttl = ttl;
  }

  /** The first free place of the account for the session, or empty when all {@code maxBinds} are taken. */
  Future<Optional<BindLease>> claim(long sessionId, String systemId, int maxBinds) {
    return claimFrom(0, sessionId, systemId, maxBinds).onSuccess(place -> place.ifPresent(p -> {
      claimedAtNanos.put(sessionId, System.nanoTime());
      held.put(sessionId, p);
    }));
  }

  private Future<Optional<BindLease>> claimFrom(int slot, long sessionId, String systemId, int maxBinds) {
    if (slot >= maxBinds) {
      return Future.succeededFuture(Optional.empty());
    }
    return leases.acquire("aggregator:" + systemId + "#" + slot, node + "/session-" + sessionId, ttl)
        .compose(place -> place.isPresent() ? Future.succeededFuture(place)
            : claimFrom(slot + 1, sessionId, systemId, maxBinds));
  }

  /** The session ended: its place is free at once. Harmless when repeated. */
  Future<Void> release(long sessionId) {
    BindLease place = held.remove(sessionId);
    claimedAtNanos.remove(sessionId);
    return place == null ? Future.succeededFuture() : leases.release(place);
  }

  /**
   * Starts renewing the held places (on the caller's context); {@code lost} hears of sessions whose place is gone.
   * A place whose session never came to life ({@code alive} false a lease after the claim: the bind_resp could not be
   * written) is released.
   */
  void startRenewing(LongPredicate alive, LongConsumer lost) {
    timer = vertx.setPeriodic(Math.max(100, ttl.toMillis() / 3), id -> held.forEach((sessionId, place) -> {
      Long claimed = claimedAtNanos.get(sessionId);
      if (!alive.test(sessionId) && claimed != null && System.nanoTime() - claimed > ttl.toNanos()) {
        LOG.warn("aggregator session {} never came to life: releasing its place {}", sessionId, place.key());
        release(sessionId);
        return;
      }
      leases.renew(place, ttl).onComplete(renewed -> {
        if (renewed.succeeded() && renewed.result().isPresent()) {
          held.replace(sessionId, place, renewed.result().get());
        } else if (renewed.succeeded()) {
          held.remove(sessionId, place);
          LOG.warn("aggregator session {} lost its place {} (renewed too late): closing it", sessionId, place.key());
          lost.accept(sessionId);
        } else {
          LOG.warn("could not renew the place {} of aggregator session {}: {}", place.key(), sessionId,
              renewed.cause().toString());
        }
      });
    }));
  }

  /** Stops renewing and frees every place held. */
  Future<Void> stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return Future.join(held.keySet().stream().map(this::release).toList()).mapEmpty();
  }
}
