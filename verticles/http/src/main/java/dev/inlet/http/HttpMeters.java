package dev.inlet.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inlet's own meters of the HTTP edge, next to Vert.x's (requests by route and status, when the node runs with
 * metrics on): {@code inlet_http_rejected_total{reason}} (429s and refusals), {@code inlet_websockets_open},
 * {@code inlet_ws_messages_pushed_total}, {@code inlet_ws_queue_drops_total}. One set per Vert.x instance, in the
 * Prometheus registry of vertx-micrometer-metrics when there is one, else in a registry of their own.
 */
public final class HttpMeters {

  private static final Map<Vertx, HttpMeters> BY_VERTX = new WeakHashMap<>();

  private final PrometheusMeterRegistry registry;
  private final AtomicInteger socketsOpen = new AtomicInteger();
  private final Counter pushed;
  private final Counter drops;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  private HttpMeters(PrometheusMeterRegistry registry) {
    this.registry = registry;
    registry.gauge("inlet_websockets_open", socketsOpen);
    this.pushed = Counter.builder("inlet_ws_messages_pushed").description("messages written to session WebSockets")
        .register(registry);
    this.drops = Counter.builder("inlet_ws_queue_drops").description("messages not sent because a socket's queue "
        + "was full").register(registry);
  }

  /** The meters of this Vert.x instance. */
  public static synchronized HttpMeters of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, v -> new HttpMeters(sharedOrOwn()));
  }

  private static PrometheusMeterRegistry sharedOrOwn() {
    MeterRegistry shared = BackendRegistries.getDefaultNow();
    return shared instanceof PrometheusMeterRegistry prometheus ? prometheus
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** A request refused by a limit ({@code reason}: the problem type, e.g. too-many-requests). */
  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, r -> Counter.builder("inlet_http_rejected").tag("limit", r)
        .description("requests refused by an abuse limit").register(registry)).increment();
  }

  public void socketOpened() {
    socketsOpen.incrementAndGet();
  }

  public void socketClosed() {
    socketsOpen.decrementAndGet();
  }

  public void messagePushed() {
    pushed.increment();
  }

  public void queueDrop() {
    drops.increment();
  }
}
