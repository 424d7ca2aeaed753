package dev.inlet.storage.postgres;

import dev.inlet.shared.lease.BindLeases;
import dev.inlet.shared.lease.BindLeasesContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The bind-lease contract against PostgreSQL ({@code inlet_test}, renamed by INLET_TEST_DB_SUFFIX). */
class PgBindLeasesTest extends BindLeasesContract {

  @Override
  protected Future<BindLeases> open(Vertx vertx) {
    return TestDatabase.create(vertx, TestDatabase.DB)
        .compose(v -> new PgBindLeasesProvider().open(vertx, TestDatabase.storage()));
  }
}
