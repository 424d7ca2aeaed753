package dev.inlet.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The environment variables a node reads, each mapped to one configuration path.
 * Documented in README.md ("Configuration").
 */
public final class EnvOverrides {

  private record Target(String path, Function<String, Object> parse) {
  }

  private static final Map<String, Target> VARIABLES = new LinkedHashMap<>();

  static {
    VARIABLES.put("INLET_MODE", new Target("mode", s -> s));
    VARIABLES.put("INLET_ROLES", new Target("roles", EnvOverrides::list));
    VARIABLES.put("INLET_API_KEY", new Target("http.apiKeys", s -> new JsonArray().add(s)));
    VARIABLES.put("INLET_ADMIN_KEY", new Target("http.adminKeys", s -> new JsonArray().add(s)));
    VARIABLES.put("INLET_HTTP_HOST", new Target("http.host", s -> s));
    VARIABLES.put("INLET_HTTP_PORT", new Target("http.port", Integer::parseInt));
    VARIABLES.put("INLET_CLUSTER", new Target("cluster.enabled", Boolean::parseBoolean));
    VARIABLES.put("INLET_CLUSTER_HOST", new Target("cluster.host", s -> s));
    VARIABLES.put("INLET_CLUSTER_PORT", new Target("cluster.port", Integer::parseInt));
    VARIABLES.put("INLET_CLUSTER_MEMBERS", new Target("cluster.members", EnvOverrides::list));
    VARIABLES.put("INLET_SMPP_HOST", new Target("smpp.host", s -> s));
    VARIABLES.put("INLET_SMPP_PORT", new Target("smpp.port", Integer::parseInt));
    VARIABLES.put("INLET_SMPP_SYSTEM_ID", new Target("smpp.systemId", s -> s));
    VARIABLES.put("INLET_SMPP_PASSWORD", new Target("smpp.password", s -> s));
    VARIABLES.put("INLET_LAB_SMSC_PORT", new Target("lab.smscPort", Integer::parseInt));
    VARIABLES.put("INLET_STORAGE", new Target("storage.kind", s -> s));
    VARIABLES.put("INLET_PG_URI", new Target("storage.postgres.uri", s -> s));
    VARIABLES.put("INLET_REDIS_URI", new Target("storage.redis.uri", s -> s));
    VARIABLES.put("INLET_RETENTION_HOURS", new Target("retention.hours", Integer::parseInt));
    VARIABLES.put("INLET_RENTAL_SECONDS", new Target("pool.rentalSeconds", Integer::parseInt));
  }

  private EnvOverrides() {
  }

  public static Iterable<String> names() {
    return VARIABLES.keySet();
  }

  /** The configuration fragment that the given environment sets. */
  public static JsonObject from(Map<String, String> env) {
    JsonObject out = new JsonObject();
    VARIABLES.forEach((name, target) -> {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        return;
      }
      Object parsed;
      try {
        parsed = target.parse.apply(value.trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(name + " has an invalid value: " + value, e);
      }
      put(out, target.path, parsed);
    });
    return out;
  }

  private static JsonArray list(String s) {
    JsonArray a = new JsonArray();
    Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(a::add);
    return a;
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
