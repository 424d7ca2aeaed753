package dev.inlet.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks' PostgreSQL database ({@value #DB}, owned by inlet) and Redis database (4): emptied before each part,
 * and the production configuration that points a node at them.
 */
final class BenchDatabase {

  static final String DB = "inlet_bench";
  static final String PG_URI = "postgresql://inlet:inlet@127.0.0.1:5432/" + DB;
  static final String REDIS_URI = "redis://127.0.0.1:6379/4";
  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private BenchDatabase() {
  }

  /**
   * A production configuration with {@code roles} on the bench stores ({@code -Dbench.storage=memory} for an instant
   * store instead; {@code -Dbench.pg.inFlight}, {@code -Dbench.pg.poolSize}).
   */
  static JsonObject production(JsonArray roles) {
    return new JsonObject().put("mode", "production").put("roles", roles)
        .put("storage", new JsonObject().put("kind", System.getProperty("bench.storage", "postgres"))
            .put("postgres", new JsonObject().put("uri", PG_URI)
                .put("recordBatchesInFlight", Integer.getInteger("bench.pg.inFlight", 1))
                .put("poolSize", Integer.getInteger("bench.pg.poolSize", 8)))
            .put("redis", new JsonObject().put("uri", REDIS_URI)));
  }

  /** An empty database (created when missing), and an empty Redis db. */
  static void reset() throws Exception {
    try (Connection admin = DriverManager.getConnection(PG_ADMIN, "postgres", "");
         Statement s = admin.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
        if (!r.next()) {
          s.execute("CREATE DATABASE " + DB + " OWNER inlet");
        }
      }
    }
    try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
         Statement s = db.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS public CASCADE");
      s.execute("CREATE SCHEMA public AUTHORIZATION inlet");
    }
    Process flush = new ProcessBuilder("redis-cli", "-n", "4", "FLUSHDB").redirectErrorStream(true).start();
    flush.waitFor(10, TimeUnit.SECONDS);
  }

  /** The single number a query answers (0 when the store is not PostgreSQL). */
  static long count(String sql) throws Exception {
    if (!System.getProperty("bench.storage", "postgres").equals("postgres")) {
      return 0;
    }
    try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "inlet", "inlet");
         Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
