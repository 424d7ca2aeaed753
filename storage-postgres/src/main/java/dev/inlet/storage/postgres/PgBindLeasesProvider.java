package dev.inlet.storage.postgres;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.lease.BindLeases;
import dev.inlet.shared.lease.BindLeasesProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;

/**
 * The {@code postgres} bind leases: a pool of two connections of their own to {@code storage.postgres.uri} (so that
 * renewals never queue behind message batches), on a schema migrated by Flyway like the store's.
 */
public final class PgBindLeasesProvider implements BindLeasesProvider {

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public Future<BindLeases> open(Vertx vertx, JsonObject storage) {
    PgUri uri;
    try {
      uri = PgUri.parse(storage.getJsonObject("postgres", new JsonObject()).getString("uri", PgUri.DEFAULT));
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("storage.postgres.uri is not a PostgreSQL URI: "
          + e.getMessage(), e));
    }
    return Migrations.run(vertx, uri)
        .recover(t -> Future.failedFuture(Failure.STORE_UNAVAILABLE.exception("PostgreSQL at " + uri.where()
            + " is unreachable or could not be migrated for bind leases: " + t.getMessage())))
        .map(migrated -> new PgBindLeases(PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(2).setMaxWaitQueueSize(-1))
            .connectingTo(uri.options())
            .using(vertx)
            .build()));
  }
}
