package dev.inlet.storage.postgres;

import dev.inlet.shared.store.StoreBackend;
import dev.inlet.shared.store.StoreContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The store contract, against PostgreSQL ({@code inlet_test}) and Redis (db 1) on this machine. */
class PostgresStoreTest extends StoreContract {

  @Override
  protected Future<StoreBackend> open(Vertx vertx) {
    return TestDatabase.reset(vertx).compose(v -> new PostgresStoreProvider().open(vertx, TestDatabase.storage()));
  }
}
