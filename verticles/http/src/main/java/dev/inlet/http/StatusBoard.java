package dev.inlet.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest status of each source (SMPP bind or modem port) heard on one status address
 * ({@code Addresses.STATUS_BINDS} or {@code STATUS_MODEMS}): one JSON object per {@code id}, forgotten when silent for
 * {@link #SILENT}. Not thread-safe: used on its verticle's event loop.
 */
final class StatusBoard {

  static final Duration SILENT = Duration.ofSeconds(30);
  /** States in which a source can deliver messages (case does not matter). */
  private static final java.util.Set<String> UP_STATES = java.util.Set.of("BOUND", "UP", "READY", "CONNECTED",
      "REGISTERED", "OPEN");

  private final Clock clock;
  private final Map<String, Heard> latest = new TreeMap<>();
  private MessageConsumer<Object> consumer;

  private record Heard(JsonObject status, Instant at) {
  }

  StatusBoard(Clock clock) {
    this.clock = clock;
  }

  Future<Void> listen(EventBus bus, String address) {
    consumer = bus.consumer(address, m -> {
      if (m.body() instanceof JsonObject status) {
        hear(status);
      } else if (m.body() instanceof String s) {
        try {
          hear(new JsonObject(s));
        } catch (RuntimeException ignored) {
          // not a status object: nothing to keep
        }
      }
    });
    return consumer.completion();
  }

  void hear(JsonObject status) {
    Object id = status.getValue("id");
    if (id != null) {
      latest.put(String.valueOf(id), new Heard(status.copy(), clock.instant()));
    }
  }

  /** The statuses heard within {@link #SILENT}, by id. */
  JsonArray current() {
    Instant cutoff = clock.instant().minus(SILENT);
    latest.values().removeIf(h -> h.at().isBefore(cutoff));
    JsonArray all = new JsonArray();
    latest.values().forEach(h -> all.add(h.status()));
    return all;
  }

  /** How many sources heard recently are in a state that delivers. */
  long up() {
    return current().stream().filter(s -> s instanceof JsonObject o
        && UP_STATES.contains(String.valueOf(o.getValue("state")).toUpperCase(java.util.Locale.ROOT))).count();
  }

  Future<Void> close() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
