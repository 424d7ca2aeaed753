package dev.inlet.shared.config;

import java.util.Arrays;
import java.util.List;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Loads a node's configuration through vertx-config, each layer overriding the one before:
 * <ol>
 *   <li>{@code conf/inlet.json} (from the working directory, else the copy packed in the node's jar): lab mode;</li>
 *   <li>the file named by {@code --conf} or {@code INLET_CONFIG}, when given;</li>
 *   <li>the environment variables listed in {@link EnvOverrides};</li>
 *   <li>overrides given in code (tests, command-line flags).</li>
 * </ol>
 */
public final class InletConfig {

  public static final String DEFAULT_FILE = "conf/inlet.json";

  private InletConfig() {
  }

  /** Loads conf/inlet.json, then {@code extraFile} (may be null), the environment and the overrides. */
  public static Future<JsonObject> load(Vertx vertx, String extraFile, Map<String, String> env, JsonObject overrides) {
    return load(vertx, Arrays.asList(DEFAULT_FILE, extraFile), env, overrides);
  }

  /** Loads the given JSON files in order (null entries are skipped), then the environment and the overrides. */
  public static Future<JsonObject> load(Vertx vertx, List<String> files, Map<String, String> env,
                                        JsonObject overrides) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(-1).setIncludeDefaultStores(false);
    for (String file : files) {
      if (file != null && !file.isBlank()) {
        options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
            .setConfig(new JsonObject().put("path", file)));
      }
    }
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(EnvOverrides.from(env)));
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(overrides == null ? new JsonObject() : overrides));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(InletConfig::validate);
  }

  static JsonObject validate(JsonObject conf) {
    String mode = conf.getString("mode", "lab");
    if (!mode.equals("lab") && !mode.equals("production")) {
      throw new IllegalArgumentException("mode must be lab or production, not " + mode);
    }
    JsonObject storage = conf.getJsonObject("storage");
    if (storage == null) {
      storage = new JsonObject();
      conf.put("storage", storage);
    }
    if (storage.getString("kind") == null) {
      // lab mode keeps everything in the node; production keeps it in PostgreSQL and Redis
      storage.put("kind", mode.equals("lab") ? "embedded" : "postgres");
    }
    JsonArray roles = conf.getJsonArray("roles", new JsonArray());
    for (Object r : roles) {
      if (Role.parse(String.valueOf(r)).isEmpty()) {
        throw new IllegalArgumentException("unknown role " + r + "; known roles: " + Role.names());
      }
    }
    return conf;
  }

  public static boolean isLab(JsonObject conf) {
    return "lab".equals(conf.getString("mode", "lab"));
  }

  /** The configuration a verticle of this role receives: its own section plus the node-wide fields. */
  public static JsonObject forRole(JsonObject conf, Role role) {
    JsonObject section = conf.getJsonObject(role.section(), new JsonObject()).copy();
    section.put("mode", conf.getString("mode", "lab"));
    section.put("storage", conf.getJsonObject("storage", new JsonObject()).copy());
    section.put("retention", conf.getJsonObject("retention", new JsonObject()).copy());
    if (role == Role.HTTP) {
      // the abuse limits (limits.*) are enforced at the HTTP edge
      section.put("limits", conf.getJsonObject("limits", new JsonObject()).copy());
    }
    if (role == Role.ROUTER && !section.containsKey("graceSeconds")) {
      // the router routes late messages by the pool's grace
      section.put("graceSeconds", conf.getJsonObject("pool", new JsonObject()).getInteger("graceSeconds", 30));
    }
    return section;
  }
}
