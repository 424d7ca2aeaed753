package dev.inlet.shared.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

class SharedDataStoreTest extends StoreContract {
  @Override
  protected Future<StoreBackend> open(Vertx vertx) {
    SharedDataStore store = new SharedDataStore(vertx);
    return Future.succeededFuture(new StoreBackend("embedded", store, store, Future::succeededFuture, false));
  }
}
