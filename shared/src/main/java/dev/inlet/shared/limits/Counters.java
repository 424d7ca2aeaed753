package dev.inlet.shared.limits;

import dev.inlet.shared.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ServiceLoader;

/**
 * Opens the {@link RateCounters} that go with {@code storage.kind}: {@code embedded} Vert.x shared data (cluster-wide
 * when clustered), {@code memory} one JVM's maps, others ({@code postgres}: Redis) from a {@link RateCountersProvider}.
 */
public final class Counters {

  private Counters() {
  }

  /** The counters of a verticle's configuration (its {@code storage} section). */
  public static RateCounters open(Vertx vertx, JsonObject verticleConfig) {
    String kind = Stores.kind(verticleConfig);
    JsonObject storage = verticleConfig.getJsonObject("storage", new JsonObject());
    switch (kind) {
      case "embedded" -> {
        return new SharedDataRateCounters(vertx);
      }
      case "memory" -> {
        return new InMemoryRateCounters();
      }
      default -> {
        for (RateCountersProvider provider : ServiceLoader.load(RateCountersProvider.class,
            Counters.class.getClassLoader())) {
          if (provider.kind().equals(kind)) {
            return provider.open(vertx, storage);
          }
        }
        throw new IllegalArgumentException("no rate counters for storage.kind '" + kind
            + "': put its storage module on the class path");
      }
    }
  }
}
