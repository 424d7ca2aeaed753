package dev.inlet.smpp;

import dev.inlet.shared.lease.BindLease;
import dev.inlet.shared.lease.BindLeases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one bind slot of an SMSC account through a cluster-wide {@link BindLease}, and binds only while it holds it.
 *
 * <p>Standing by, it asks for the slot every third of the lease; once it has it, it starts the bind and renews the
 * lease every third of the lease. A holder may act for three quarters of the lease after it asked (its own
 * monotonic clock; the store set the expiry later than that). {@link #mayAcknowledge()} answers at once inside that
 * time; after it (a frozen process that thaws, a store that did not answer) it renews first, with the fencing token:
 * when another holder has taken the slot it answers false and unbinds, so nothing is acknowledged by a node that
 * lost its slot. Without leases ({@code leased: false}, the lab simulator) it binds at once and always may.
 * Runs on the verticle's context.
 */
final class BindOwnership {

  private static final Logger LOG = LoggerFactory.getLogger(BindOwnership.class);

  /** The bind it starts and stops. */
  interface Bind {
    /** Starts binding (again). */
    void start(Optional<BindLease> lease);

    /** Unbinds and stops retrying. */
    Future<Void> stop(String why);
  }

  private final Vertx vertx;
  private final BindLeases leases; // null: not leased
  private final String slot;
  private final String holder;
  private final Duration ttl;
  private final long periodMs;
  private final Bind bind;
  private final Consumer<String> standby;

  private BindLease lease;
  private long validUntilNanos;
  private Future<Boolean> renewing;
  private long timer = -1;
  private boolean stopped;
  private boolean toldStandingBy;

  /**
   * @param leases  the lease store, or null for a bind that is not leased
   * @param standby told (with the reason) when the slot is lost and the bind stopped
   */
  BindOwnership(Vertx vertx, BindLeases leases, String slot, String holder, Duration ttl, Bind bind,
                Consumer<String> standby) {
    this.vertx = vertx;
    this.leases = leases;
    this.slot = slot;
    this.holder = holder;
    this.ttl = ttl;
    this.periodMs = Math.max(100, ttl.toMillis() / 3);
    this.bind = bind;
    this.standby = standby;
  }

  /** Starts asking for the slot (or binds at once when not leased); succeeds at once. */
  Future<Void> start() {
    if (leases == null) {
      bind.start(Optional.empty());
    } else {
      tick();
    }
    return Future.succeededFuture();
  }

  /** Unbinds, stops asking, and gives the slot up so that another node can take it at once. */
  Future<Void> stop() {
    stopped = true;
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    BindLease held = lease;
    lease = null;
    if (leases == null) {
      return bind.stop("stopping");
    }
    if (held == null) {
      return Future.succeededFuture();
    }
    return bind.stop("stopping").eventually(() -> leases.release(held)
        .onSuccess(v -> LOG.info("[{}] released the bind lease (token {})", slot, held.token()))
        .onFailure(e -> LOG.warn("[{}] could not release the bind lease (it expires in {} s): {}", slot,
            ttl.toSeconds(), e.toString())));
  }

  /** The lease held now, if any. */
  Optional<BindLease> lease() {
    return Optional.ofNullable(lease);
  }

  /**
   * Whether this node may still acknowledge on the slot: true at once inside the lease's safe time, else after a
   * renewal with the fencing token; false (and the bind stopped) once the slot is somebody else's.
   */
  Future<Boolean> mayAcknowledge() {
    if (leases == null) {
      return Future.succeededFuture(!stopped);
    }
    if (stopped || lease == null) {
      return Future.succeededFuture(false);
    }
    if (System.nanoTime() - validUntilNanos < 0) {
      return Future.succeededFuture(true);
    }
    return renew();
  }

  private void tick() {
    timer = -1;
    if (stopped) {
      return;
    }
    Future<?> step = lease == null ? acquire() : renew();
    step.onComplete(done -> {
      if (!stopped) {
        timer = vertx.setTimer(periodMs, id -> tick());
      }
    });
  }

  private Future<Void> acquire() {
    long asked = System.nanoTime();
    return leases.acquire(slot, holder, ttl).<Void>map(taken -> {
      if (taken.isEmpty() && !toldStandingBy) {
        toldStandingBy = true;
        LOG.info("[{}] standing by: another holder has the bind lease; asking again every {} ms", slot, periodMs);
      }
      if (taken.isPresent() && stopped) {
        leases.release(taken.get()); // stopped while asking: let another node have it at once
        return null;
      }
      if (taken.isPresent() && lease == null) {
        toldStandingBy = false;
        lease = taken.get();
        validUntilNanos = asked + safeNanos();
        LOG.info("[{}] took the bind lease (token {}, {} s): binding", slot, lease.token(), ttl.toSeconds());
        bind.start(taken);
      }
      return null;
    }).onFailure(e -> LOG.warn("[{}] could not ask for the bind lease: {}", slot, e.toString()));
  }

  private Future<Boolean> renew() {
    if (renewing != null) {
      return renewing;
    }
    BindLease current = lease;
    long asked = System.nanoTime();
    Future<Boolean> outcome = leases.renew(current, ttl).transform(result -> {
      renewing = null;
      if (lease != current) {
        return Future.succeededFuture(lease != null); // lost or replaced meanwhile
      }
      if (result.succeeded() && result.result().isPresent()) {
        lease = result.result().get();
        validUntilNanos = asked + safeNanos();
        return Future.succeededFuture(true);
      }
      if (result.succeeded()) {
        lose("another holder took the slot (this node's token " + current.token() + " is stale)");
        return Future.succeededFuture(false);
      }
      if (System.nanoTime() - validUntilNanos >= 0) {
        lose("the lease could not be renewed in time: " + result.cause());
        return Future.succeededFuture(false);
      }
      LOG.warn("[{}] could not renew the bind lease (still safe for {} ms): {}", slot,
          (validUntilNanos - System.nanoTime()) / 1_000_000, result.cause().toString());
      return Future.succeededFuture(true);
    });
    if (!outcome.isComplete()) {
      renewing = outcome;
    }
    return outcome;
  }

  private void lose(String why) {
    BindLease lost = lease;
    lease = null;
    LOG.warn("[{}] lost the bind lease (token {}): {}; unbinding without acknowledging anything more", slot,
        lost.token(), why);
    bind.stop("lost the bind lease").onComplete(v -> standby.accept(why));
  }

  private long safeNanos() {
    return ttl.toNanos() / 4 * 3;
  }
}
