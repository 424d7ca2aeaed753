package dev.inlet.shared.limits;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Counters that live in a module of its own (Redis, in storage-postgres), found with {@link java.util.ServiceLoader}
 * for the {@code storage.kind} they serve.
 */
public interface RateCountersProvider {

  /** The {@code storage.kind} it serves. */
  String kind();

  /** Counters on the backend of the {@code storage} section of the configuration. */
  RateCounters open(Vertx vertx, JsonObject storage);
}
