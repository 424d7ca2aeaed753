package dev.inlet.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date with Flyway ({@code db/migration/V*.sql} on the class path), once when the
 * backend opens. Flyway is blocking JDBC: it runs on a worker thread, never on an event loop.
 */
final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /** Migrates; answers how many migrations were applied now (0 on an up-to-date database). */
  static Future<Integer> run(Vertx vertx, PgUri uri) {
    return vertx.executeBlocking(() -> {
      Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(uri.jdbcUrl(), uri.user(), uri.password())
          .locations("classpath:db/migration")
          .connectRetries(0)
          // each capability numbers its migrations in its own range (V3-V9 messages, V10-V19 binds, ...), and they
          // touch different tables: a database that got a higher one first still gets the lower ones
          .outOfOrder(true)
          .load();
      MigrateResult result = flyway.migrate();
      LOG.info("PostgreSQL {}: schema at version {} ({} migration(s) applied now)", uri.where(),
          result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
          result.migrationsExecuted);
      return result.migrationsExecuted;
    }, false);
  }
}
