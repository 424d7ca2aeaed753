package dev.inlet.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The PostgreSQL database ({@code inlet_test}) and Redis database (1) the tests use on this machine: created when
 * missing, migrated, and emptied before each test.
 */
final class TestDatabase {

  /** {@code INLET_TEST_DB_SUFFIX} and {@code INLET_TEST_REDIS_DB} let two checkouts test side by side. */
  static final String DB = "inlet_test" + System.getenv().getOrDefault("INLET_TEST_DB_SUFFIX", "");
  static final String PG_URI = "postgresql://inlet:inlet@127.0.0.1:5432/" + DB;
  static final String REDIS_URI = "redis://127.0.0.1:6379/" + System.getenv().getOrDefault("INLET_TEST_REDIS_DB", "1");

  private TestDatabase() {
  }

  static JsonObject storage() {
    return new JsonObject()
        .put("kind", "postgres")
        .put("postgres", new JsonObject().put("uri", PG_URI).put("poolSize", 8))
        .put("redis", new JsonObject().put("uri", REDIS_URI));
  }

  /** Creates the database (owned by inlet) through the {@code postgres} database if it does not exist. */
  static Future<Void> create(Vertx vertx, String db) {
    return vertx.executeBlocking(() -> {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
           Statement s = c.createStatement()) {
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'");
        if (!rs.next()) {
          s.execute("CREATE DATABASE " + db + " OWNER inlet");
        }
      }
      return null;
    });
  }

  static Future<Void> drop(Vertx vertx, String db) {
    return vertx.executeBlocking(() -> {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
           Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
      return null;
    });
  }

  /** An empty, migrated test database and an empty Redis test database. */
  static Future<Void> reset(Vertx vertx) {
    return create(vertx, DB)
        .compose(v -> Migrations.run(vertx, PgUri.parse(PG_URI)))
        .compose(v -> sql(vertx, "TRUNCATE numbers, number_blocklist, rentals, messages, session_horizons, ws_tokens, part_sets, delivery_receipts"
            + " RESTART IDENTITY CASCADE; UPDATE message_positions SET last = 0"))
        .compose(v -> flushRedis(vertx));
  }

  static Future<Void> sql(Vertx vertx, String sql) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgUri.parse(PG_URI).options()).using(vertx).build();
    return pool.query(sql).execute().<Void>mapEmpty().eventually(pool::close);
  }

  static Future<Void> flushRedis(Vertx vertx) {
    Redis redis = Redis.createClient(vertx, REDIS_URI);
    return redis.send(Request.cmd(Command.FLUSHDB)).<Void>mapEmpty().eventually(redis::close);
  }
}
