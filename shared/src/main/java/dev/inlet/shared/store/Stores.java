package dev.inlet.shared.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * Opens the storage backend that {@code storage.kind} names, once per Vert.x instance: every verticle of
 * a node shares it (one connection pool, one migration). {@code embedded} (Vert.x shared data, cluster-wide
 * when clustered) and {@code memory} are built in; others ({@code postgres}) come from a {@link StoreProvider}.
 */
public final class Stores {

  private static final Map<Vertx, Map<String, Future<StoreBackend>>> OPEN = new WeakHashMap<>();

  private Stores() {
  }

  public static String kind(JsonObject verticleConfig) {
    return verticleConfig.getJsonObject("storage", new JsonObject()).getString("kind", "embedded");
  }

  /** The backend of a verticle's configuration (its {@code storage} section). */
  public static synchronized Future<StoreBackend> open(Vertx vertx, JsonObject verticleConfig) {
    JsonObject storage = verticleConfig.getJsonObject("storage", new JsonObject());
    String kind = kind(verticleConfig);
    Map<String, Future<StoreBackend>> mine = OPEN.computeIfAbsent(vertx, v -> new HashMap<>());
    Future<StoreBackend> existing = mine.get(kind);
    if (existing != null && !existing.failed()) {
      return existing;
    }
    Future<StoreBackend> opened = create(vertx, kind, storage);
    mine.put(kind, opened);
    return opened;
  }

  private static Future<StoreBackend> create(Vertx vertx, String kind, JsonObject storage) {
    switch (kind) {
      case "embedded" -> {
        SharedDataStore store = new SharedDataStore(vertx);
        return Future.succeededFuture(new StoreBackend(kind, store, store, () -> Future.succeededFuture(), false));
      }
      case "memory" -> {
        InMemoryStore store = new InMemoryStore();
        return Future.succeededFuture(new StoreBackend(kind, store, store, () -> Future.succeededFuture(), false));
      }
      default -> {
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader())) {
          if (provider.kind().equals(kind)) {
            return provider.open(vertx, storage);
          }
        }
        return Future.failedFuture(new IllegalArgumentException("storage.kind '" + kind
            + "' is not known; use 'embedded', 'memory' or 'postgres'"));
      }
    }
  }
}
