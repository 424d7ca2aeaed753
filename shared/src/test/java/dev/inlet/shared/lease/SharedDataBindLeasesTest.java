package dev.inlet.shared.lease;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

class SharedDataBindLeasesTest extends BindLeasesContract {
  @Override
  protected Future<BindLeases> open(Vertx vertx) {
    return Future.succeededFuture(new SharedDataBindLeases(vertx));
  }
}
