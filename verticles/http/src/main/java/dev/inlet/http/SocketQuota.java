package dev.inlet.http;

import dev.inlet.shared.limits.RateCounters;
import dev.inlet.shared.message.Rental;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The WebSocket limits ({@code limits.webSocketsPerKey}, {@code limits.webSocketsPerSession}, 0 = unlimited), across
 * the cluster: each open socket holds a lease in the key's set and in the session's set, renewed while it is open and
 * given back when it closes (a node that dies leaves leases that lapse within {@link #HOLD}). Called at the upgrade,
 * once the session (and so its owner) is known, by the session WebSocket and the browser bridge ({@link SocketAdmission}):
 * {@link #admit} answers what to run when the socket closes, or fails with a 429 problem.
 */
public final class SocketQuota implements SocketAdmission {

  /** How long a socket's lease lasts without renewal. */
  static final Duration HOLD = Duration.ofSeconds(60);
  private static final long RENEW_MS = HOLD.toMillis() / 3;

  private final Vertx vertx;
  private final RateCounters counters;
  private final ApiKeys keys;
  private final Clock clock;

  SocketQuota(Vertx vertx, RateCounters counters, ApiKeys keys, Clock clock) {
    this.vertx = vertx;
    this.counters = counters;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Future<Runnable> admit(io.vertx.ext.web.RoutingContext ctx, Rental rental) {
    return permit(rental).map(permit -> permit::release);
  }

  /** Takes a place for one more socket on the rental's session; a 429 problem when the key or the session is full. */
  public Future<Permit> permit(Rental rental) {
    KeyLimits limits = keys.limitsOf(rental.owner());
    String id = UUID.randomUUID().toString();
    Permit permit = new Permit(rental.owner(), rental.sessionId(), id);
    Instant now = clock.instant();
    Future<Void> perKey = take(permit.keyKey(), id, limits.webSocketsPerKey(), now, "webSocketsPerKey",
        "this key has " + limits.webSocketsPerKey() + " WebSockets open, its limit (limits.webSocketsPerKey)");
    return perKey.compose(v -> take(permit.sessionKey(), id, limits.webSocketsPerSession(), now,
            "webSocketsPerSession", "this session has " + limits.webSocketsPerSession()
                + " WebSockets open, its limit (limits.webSocketsPerSession)")
            .recover(e -> permit.release().compose(x -> Future.failedFuture(e))))
        .map(v -> permit.start());
  }

  private Future<Void> take(String key, String id, int limit, Instant now, String name, String detail) {
    if (limit == 0) {
      return Future.succeededFuture();
    }
    return counters.acquire(key, id, limit, now.plus(HOLD), now).compose(lease -> lease.granted()
        ? Future.succeededFuture()
        : AbuseLimits.refused(name, detail + "; close one first", lease.freeAt(), now));
  }

  /** One open socket's places; {@link #release} when it closes. */
  public final class Permit {
    private final String owner;
    private final String sessionId;
    private final String id;
    private long timer = -1;
    private boolean released;

    private Permit(String owner, String sessionId, String id) {
      this.owner = owner;
      this.sessionId = sessionId;
      this.id = id;
    }

    private String keyKey() {
      return "ws-key:" + owner;
    }

    private String sessionKey() {
      return "ws-session:" + sessionId;
    }

    private Permit start() {
      HttpMeters.of(vertx).socketOpened();
      timer = vertx.setPeriodic(RENEW_MS, t -> {
        Instant now = clock.instant();
        counters.acquire(keyKey(), id, Integer.MAX_VALUE, now.plus(HOLD), now);
        counters.acquire(sessionKey(), id, Integer.MAX_VALUE, now.plus(HOLD), now);
      });
      return this;
    }

    /** Gives the places back (once; later calls do nothing). */
    public Future<Void> release() {
      if (released) {
        return Future.succeededFuture();
      }
      released = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        HttpMeters.of(vertx).socketClosed();
      }
      return Future.join(counters.release(keyKey(), id), counters.release(sessionKey(), id)).mapEmpty();
    }
  }
}
