package dev.inlet.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration of the HTTP verticle: the "http" section of the node's configuration plus its "mode" and its
 * "limits" section. Keys are hashed as they are read: the settings hold digests, never a key.
 *
 * @param host             interface to listen on
 * @param port             port to listen on; 0 picks a free one
 * @param apiKeys          the accepted API keys (at least one) with their limits
 * @param adminKeys        the keys of the admin API ({@code /api/admin/*}); none: nobody may use it
 * @param wsTokenSeconds   lifetime reported for a WebSocket token that came without an expiry (a pool
 *                         of another version); the pool's own setting decides the real lifetime
 * @param requestTimeoutMs how long to wait for each bus reply
 * @param wsPingMs         interval of the keep-alive pings on open WebSockets (default 20 s)
 * @param headerTimeoutMs  a connection must send a whole request head within this after it opens or after the
 *                         previous response (default 10 s); else it is closed
 * @param idleTimeoutSeconds a connection that sends and receives nothing for this long is closed (default 90 s,
 *                         longer than the longest wait)
 * @param authFailures     failed authentications allowed per client address per minute before 429 (default 10;
 *                         ten times that per hour blocks the address for the rest of the hour)
 * @param lab              whether the lab endpoints are served
 */
record HttpSettings(String host, int port, ApiKeys apiKeys, List<ApiKeys> adminKeys, int wsTokenSeconds,
                    long requestTimeoutMs, long wsPingMs, long headerTimeoutMs, int idleTimeoutSeconds,
                    int authFailures, boolean lab) {

  static HttpSettings from(JsonObject config) {
    KeyLimits defaults = KeyLimits.DEFAULTS.overriddenBy(config.getJsonObject("limits"), "limits");
    List<ApiKeys.ConfiguredKey> keys = apiKeys(config, defaults);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("http.apiKeys is empty: configure at least one API key "
          + "(INLET_API_KEY, or http.apiKeys in the configuration file); in lab mode the node generates one");
    }
    List<String> adminKeys = plainKeys(config, "adminKeys");
    Set<String> apiKeySet = new HashSet<>();
    keys.forEach(k -> apiKeySet.add(k.key()));
    if (adminKeys.stream().anyMatch(apiKeySet::contains)) {
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
        ApiKeys.configured(keys),
        adminKeys.isEmpty() ? List.of() : List.of(new ApiKeys(adminKeys)),
        config.getInteger("wsTokenSeconds", 60),
        config.getLong("requestTimeoutMs", 5000L),
        config.getLong("wsPingMs", 20_000L),
        config.getLong("headerTimeoutMs", 10_000L),
        config.getInteger("idleTimeoutSeconds", 90),
        config.getInteger("authFailuresPerMinute", 10),
        mode.equals("lab"));
  }

  /** The entries of http.apiKeys: a key as a string, or {"key": "...", "limits": {...}} overriding the limits. */
  private static List<ApiKeys.ConfiguredKey> apiKeys(JsonObject config, KeyLimits defaults) {
    Object value = config.getValue("apiKeys");
    if (value != null && !(value instanceof JsonArray)) {
      throw new IllegalArgumentException("http.apiKeys must be a JSON array of keys");
    }
    List<ApiKeys.ConfiguredKey> keys = new ArrayList<>();
    int i = 0;
    for (Object entry : value == null ? new JsonArray() : (JsonArray) value) {
      if (entry instanceof String s && !s.isBlank()) {
        keys.add(new ApiKeys.ConfiguredKey(s, defaults));
      } else if (entry instanceof JsonObject o) {
        String key = o.getValue("key") instanceof String s ? s : null;
        if (key == null || key.isBlank()) {
          throw new IllegalArgumentException("http.apiKeys[" + i + "] is an object without a \"key\" string");
        }
        Object limits = o.getValue("limits");
        if (limits != null && !(limits instanceof JsonObject)) {
          throw new IllegalArgumentException("http.apiKeys[" + i + "].limits must be an object");
        }
        keys.add(new ApiKeys.ConfiguredKey(key, defaults.overriddenBy((JsonObject) limits,
            "http.apiKeys[" + i + "].limits")));
      }
      i++;
    }
    return keys;
  }

  /** The non-blank strings of a key array of the configuration. */
  private static List<String> plainKeys(JsonObject config, String field) {
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
