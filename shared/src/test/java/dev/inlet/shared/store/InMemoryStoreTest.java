package dev.inlet.shared.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

class InMemoryStoreTest extends StoreContract {
  @Override
  protected Future<StoreBackend> open(Vertx vertx) {
    InMemoryStore store = new InMemoryStore();
    return Future.succeededFuture(new StoreBackend("memory", store, store, Future::succeededFuture, false));
  }
}
