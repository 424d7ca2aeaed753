package dev.inlet.http;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The abuse limits of one API key (the {@code limits} section, overridden per key by an {@code http.apiKeys} entry
 * {@code {"key": "...", "limits": {...}}}). 0 means unlimited.
 *
 * @param rentalsPerHour       rentals started in any 60 minutes (sliding)
 * @param requestsPerSecond    API calls per second (fixed one-second windows)
 * @param concurrentRentals    rentals held at once
 * @param webSocketsPerKey     session WebSockets open at once for the key
 * @param webSocketsPerSession WebSockets open at once on one session
 */
public record KeyLimits(int rentalsPerHour, int requestsPerSecond, int concurrentRentals, int webSocketsPerKey,
                        int webSocketsPerSession) {

  /** The product's defaults, on in every mode. */
  public static final KeyLimits DEFAULTS = new KeyLimits(5, 10, 5, 20, 5);

  private static final Set<String> NAMES = Set.of("rentalsPerHour", "requestsPerSecond", "concurrentRentals",
      "webSocketsPerKey", "webSocketsPerSession");

  /** These limits with the fields that {@code section} sets; unknown fields and negative values are refused. */
  KeyLimits overriddenBy(JsonObject section, String where) {
    if (section == null) {
      return this;
    }
    for (String name : section.fieldNames()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(where + "." + name + " is not a limit; the limits are " + NAMES);
      }
    }
    return new KeyLimits(
        value(section, "rentalsPerHour", rentalsPerHour, where),
        value(section, "requestsPerSecond", requestsPerSecond, where),
        value(section, "concurrentRentals", concurrentRentals, where),
        value(section, "webSocketsPerKey", webSocketsPerKey, where),
        value(section, "webSocketsPerSession", webSocketsPerSession, where));
  }

  private static int value(JsonObject section, String name, int otherwise, String where) {
    Object v = section.getValue(name);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Integer i) || i < 0) {
      throw new IllegalArgumentException(where + "." + name + " must be a whole number, 0 for unlimited, not " + v);
    }
    return i;
  }

  JsonObject toJson() {
    return new JsonObject().put("rentalsPerHour", rentalsPerHour).put("requestsPerSecond", requestsPerSecond)
        .put("concurrentRentals", concurrentRentals).put("webSocketsPerKey", webSocketsPerKey)
        .put("webSocketsPerSession", webSocketsPerSession);
  }
}
