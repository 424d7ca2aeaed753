package dev.inlet.smpp;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * What a bind publishes on {@code Addresses.STATUS_BINDS}: its state, counters and throughput. A plain object,
 * updated on the verticle's context; {@link #snapshot(Instant)} makes the JSON and starts the next throughput window.
 */
final class BindStatus {

  /** The node's name in status objects: {@code pid@host}. */
  static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

  enum State {
    /** Another node holds the slot's lease; this one waits. */
    STANDBY("standby"),
    /** Binding (first attempt or again after the lease was taken). */
    BINDING("binding"),
    BOUND("bound"),
    /** The bind was lost or refused; binding again after a backoff. */
    RECONNECTING("reconnecting"),
    STOPPED("stopped");

    final String wire;

    State(String wire) {
      this.wire = wire;
    }
  }

  private final String id;
  private final BindSettings settings;
  private State state = State.STANDBY;
  private String reason;
  private Long leaseToken;
  private Instant boundSince;
  private Instant lastPduAt;
  private long deliverSm;
  private long acknowledged;
  private long refused;
  private long unanswered;
  private long rebinds;
  private long windowCount;
  private long windowStartNanos = System.nanoTime();

  BindStatus(String id, BindSettings settings) {
    this.id = id;
    this.settings = settings;
  }

  String id() {
    return id;
  }

  State state() {
    return state;
  }

  void state(State next, String why, Instant at) {
    if (next == State.BOUND) {
      boundSince = at;
    } else if (state == State.BOUND) {
      boundSince = null;
      if (next == State.RECONNECTING) {
        rebinds++;
      }
    }
    state = next;
    reason = why;
  }

  void leaseToken(Long token) {
    leaseToken = token;
  }

  /** A PDU from the SMSC (deliver_sm) arrived. */
  void deliverSm(Instant at) {
    deliverSm++;
    windowCount++;
    lastPduAt = at;
  }

  /** A deliver_sm was answered ESME_ROK. */
  void acknowledged() {
    acknowledged++;
  }

  /** A deliver_sm was answered with an error status. */
  void refused() {
    refused++;
  }

  /** A deliver_sm was left unanswered because the slot's lease was lost. */
  void unanswered() {
    unanswered++;
  }

  JsonObject snapshot(Instant now) {
    long nowNanos = System.nanoTime();
    double seconds = Math.max(1e-3, (nowNanos - windowStartNanos) / 1e9);
    double throughput = Math.round(windowCount / seconds * 10) / 10.0;
    windowCount = 0;
    windowStartNanos = nowNanos;
    return new JsonObject()
        .put("id", id)
        .put("state", state.wire)
        .put("node", NODE)
        .put("updatedAt", now.toString())
        .put("reason", reason)
        .put("host", settings.host())
        .put("port", settings.port())
        .put("systemId", settings.systemId())
        .put("bindType", settings.bindType().name().toLowerCase(java.util.Locale.ROOT))
        .put("leaseToken", leaseToken)
        .put("boundSince", boundSince == null ? null : boundSince.toString())
        .put("lastPduAt", lastPduAt == null ? null : lastPduAt.toString())
        .put("deliverSm", deliverSm)
        .put("acknowledged", acknowledged)
        .put("refused", refused)
        .put("unanswered", unanswered)
        .put("rebinds", rebinds)
        .put("throughputPerSecond", throughput);
  }
}
