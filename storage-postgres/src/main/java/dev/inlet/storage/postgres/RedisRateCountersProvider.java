package dev.inlet.storage.postgres;

import dev.inlet.shared.limits.RateCounters;
import dev.inlet.shared.limits.RateCountersProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The abuse-limit counters of the {@code postgres} storage kind: in its Redis ({@code storage.redis.uri}). */
public final class RedisRateCountersProvider implements RateCountersProvider {

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public RateCounters open(Vertx vertx, JsonObject storage) {
    return new RedisRateCounters(vertx,
        storage.getJsonObject("redis", new JsonObject()).getString("uri", RedisHotState.DEFAULT_URI));
  }
}
