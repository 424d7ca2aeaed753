package dev.inlet.shared.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A storage backend that lives in a module of its own (PostgreSQL + Redis), found with
 * {@link java.util.ServiceLoader}: the node puts it on the class path, verticles see only the contracts.
 */
public interface StoreProvider {

  /** The {@code storage.kind} it serves. */
  String kind();

  /** Opens the backend with the {@code storage} section of the configuration (connects, migrates). */
  Future<StoreBackend> open(Vertx vertx, JsonObject storage);
}
