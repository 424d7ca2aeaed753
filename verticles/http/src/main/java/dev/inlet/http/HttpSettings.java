package dev.inlet.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of the HTTP verticle: the "http" section of the node's configuration plus its
 * "mode".
 *
 * @param host             interface to listen on
 * @param port             port to listen on; 0 picks a free one
 * @param apiKeys          the accepted API keys; at least one
 * @param adminKeys        the keys of the admin API ({@code /api/admin/*}); none: nobody may use it
 * @param wsTokenSeconds   lifetime reported for a WebSocket token that came without an expiry (a pool
 *                         of another version); the pool's own setting decides the real lifetime
 * @param requestTimeoutMs how long to wait for each bus reply
 * @param wsPingMs         interval of the keep-alive pings on open WebSockets (default 20 s)
 * @param lab              whether the lab endpoints are served
 */
record HttpSettings(String host, int port, List<String> apiKeys, List<String> adminKeys, int wsTokenSeconds,
                    long requestTimeoutMs, long wsPingMs, boolean lab) {

  HttpSettings {
    apiKeys = List.copyOf(apiKeys);
    adminKeys = List.copyOf(adminKeys);
  }

  static HttpSettings from(JsonObject config) {
    List<String> keys = keys(config, "apiKeys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("http.apiKeys is empty: configure at least one API key "
          + "(INLET_API_KEY, or http.apiKeys in the configuration file); in lab mode the node generates one");
    }
    List<String> adminKeys = keys(config, "adminKeys");
    if (adminKeys.stream().anyMatch(keys::contains)) {
      throw new IllegalArgumentException("http.adminKeys and http.apiKeys share a key: an admin key must be "
          + "a key of its own");
    }
    String mode = config.getString("mode", "lab");
    if (!mode.equals("lab") && !mode.equals("production")) {
      throw new IllegalArgumentException("mode must be lab or production, not " + mode);
    }
    return new HttpSettings(
        config.getString("host", "0.0.0.0"),
        config.getInteger("port", 8080),
        keys,
        adminKeys,
        config.getInteger("wsTokenSeconds", 60),
        config.getLong("requestTimeoutMs", 5000L),
        config.getLong("wsPingMs", 20_000L),
        mode.equals("lab"));
  }

  /** The non-blank strings of a key array of the configuration. */
  private static List<String> keys(JsonObject config, String field) {
    Object value = config.getValue(field);
    if (value != null && !(value instanceof JsonArray)) {
      throw new IllegalArgumentException("http." + field + " must be a JSON array of keys");
    }
    List<String> keys = new ArrayList<>();
    for (Object key : value == null ? new JsonArray() : (JsonArray) value) {
      if (key instanceof String s && !s.isBlank()) {
        keys.add(s);
      }
    }
    return keys;
  }
}
