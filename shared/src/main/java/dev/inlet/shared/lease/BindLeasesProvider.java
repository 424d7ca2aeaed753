package dev.inlet.shared.lease;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Bind leases kept by a storage backend of its own module (PostgreSQL), found with {@link java.util.ServiceLoader}
 * like {@code StoreProvider}: the SMPP verticle sees only {@link BindLeases}.
 */
public interface BindLeasesProvider {

  /** The {@code storage.kind} it serves. */
  String kind();

  /** Opens the leases with the {@code storage} section of the configuration. */
  Future<BindLeases> open(Vertx vertx, JsonObject storage);
}
