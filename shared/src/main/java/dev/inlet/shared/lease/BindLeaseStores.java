package dev.inlet.shared.lease;

import dev.inlet.shared.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * Opens the bind leases of a node once per Vert.x instance, where {@code storage.kind} says: {@code embedded} and
 * {@code memory} keep them in Vert.x shared data (cluster-wide when clustered); other kinds ({@code postgres}) come
 * from a {@link BindLeasesProvider}.
 */
public final class BindLeaseStores {

  private static final Map<Vertx, Map<String, Future<BindLeases>>> OPEN = new WeakHashMap<>();

  private BindLeaseStores() {
  }

  /** The leases of a verticle's configuration (its {@code storage} section). */
  public static synchronized Future<BindLeases> open(Vertx vertx, JsonObject verticleConfig) {
    String kind = Stores.kind(verticleConfig);
    JsonObject storage = verticleConfig.getJsonObject("storage", new JsonObject());
    Map<String, Future<BindLeases>> mine = OPEN.computeIfAbsent(vertx, v -> new HashMap<>());
    Future<BindLeases> existing = mine.get(kind);
    if (existing != null && !existing.failed()) {
      return existing;
    }
    Future<BindLeases> opened = create(vertx, kind, storage);
    mine.put(kind, opened);
    return opened;
  }

  private static Future<BindLeases> create(Vertx vertx, String kind, JsonObject storage) {
    if (kind.equals("embedded") || kind.equals("memory")) {
      return Future.succeededFuture(new SharedDataBindLeases(vertx));
    }
    for (BindLeasesProvider provider : ServiceLoader.load(BindLeasesProvider.class,
        BindLeaseStores.class.getClassLoader())) {
      if (provider.kind().equals(kind)) {
        return provider.open(vertx, storage);
      }
    }
    return Future.failedFuture(new IllegalArgumentException("no bind leases for storage.kind '" + kind
        + "'; use 'embedded', 'memory' or 'postgres'"));
  }
}
