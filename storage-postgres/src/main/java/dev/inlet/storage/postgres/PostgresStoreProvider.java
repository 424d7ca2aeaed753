package dev.inlet.storage.postgres;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.store.StoreBackend;
import dev.inlet.shared.store.StoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postgres} storage kind: PostgreSQL is the system of record, Redis holds the hot, expiring state.
 * Reads {@code storage.postgres.uri} (default {@value PgUri#DEFAULT}), {@code storage.postgres.poolSize} (8),
 * {@code storage.postgres.recordBatchesInFlight} (1: record batches in flight at once, each in its own lane of
 * destination numbers, on its own connection; one lane measured fastest on 2 cores: its batches are bigger, and the
 * batches of several lanes compete for the same cores) and {@code storage.redis.uri}
 * (default {@value RedisHotState#DEFAULT_URI}); migrates the schema, then opens the pools.
 */
public final class PostgresStoreProvider implements StoreProvider {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresStoreProvider.class);

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public Future<StoreBackend> open(Vertx vertx, JsonObject storage) {
    JsonObject pgConf = storage.getJsonObject("postgres", new JsonObject());
    JsonObject redisConf = storage.getJsonObject("redis", new JsonObject());
    PgUri uri;
    try {
      uri = PgUri.parse(pgConf.getString("uri", PgUri.DEFAULT));
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("storage.postgres.uri is not a PostgreSQL URI: "
          + e.getMessage(), e));
    }
    int poolSize = pgConf.getInteger("poolSize", 8);
    int inFlight = pgConf.getInteger("recordBatchesInFlight", 1);
    String redisUri = redisConf.getString("uri", RedisHotState.DEFAULT_URI);
    return Migrations.run(vertx, uri)
        .recover(t -> Future.failedFuture(Failure.STORE_UNAVAILABLE.exception("PostgreSQL at " + uri.where()
            + " is unreachable or could not be migrated: " + rootMessage(t))))
        .compose(migrated -> connect(vertx, uri, poolSize, inFlight, redisUri));
  }

  /** The backend on a migrated database: the pools, the stores, the health check; the Redis cache built if needed. */
  static Future<StoreBackend> connect(Vertx vertx, PgUri uri, int poolSize, int recordBatchesInFlight,
                                     String redisUri) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setMaxWaitQueueSize(-1))
        .connectingTo(cachingStatements(uri))
        .using(vertx)
        .build();
    // Recording has connections of its own, one per lane, that always run the record statement with its generic
    // plan: in the default mode PostgreSQL plans it again for many batches (its arrays make every call look
    // different), which cost more CPU than executing it. Its lookups go by key into indexes that recording keeps
    // in memory, so a random page costs about as much as a sequential one (random_page_cost 1.1 instead of 4):
    // otherwise a small rentals table is scanned whole once per message of the batch. Rentals and reads keep the
    // defaults.
    Pool recordPool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(recordBatchesInFlight).setMaxWaitQueueSize(-1))
        .connectingTo(cachingStatements(uri).addProperty("plan_cache_mode", "force_generic_plan")
            .addProperty("random_page_cost", "1.1").addProperty("application_name", "inlet-record"))
        .using(vertx)
        .build();
    RedisHotState hot = new RedisHotState(vertx, redisUri, Math.max(2, poolSize / 2));
    PgNumberPoolStore numbers = new PgNumberPoolStore(pool, hot);
    PgInboxStore inbox = new PgInboxStore(pool, new RecordBatcher(vertx, recordPool, hot, recordBatchesInFlight));
    StoreBackend backend = new StoreBackend("postgres", numbers, inbox, () -> health(pool, hot, uri), true);
    return hot.ensureBuilt(numbers::activePage, false).map(backend);
  }

  /**
   * Connection options that cache prepared statements, with a limit above the record statement's length (the default
   * 2048 characters would have it parsed and planned again for every batch), and pipeline requests.
   */
  private static PgConnectOptions cachingStatements(PgUri uri) {
    return uri.options().setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(16_384)
        .setPipeliningLimit(256);
  }

  /** Fails when PostgreSQL cannot serve (saying whether Redis can); a Redis that is down alone only slows things. */
  private static Future<Void> health(Pool pool, RedisHotState hot, PgUri uri) {
    Future<Void> pg = pool.query("SELECT 1").execute().mapEmpty();
    Future<Void> redis = hot.ping();
    return Future.join(pg, redis).transform(ar -> {
      String redisState = redis.failed()
          ? "Redis is unreachable at " + hot.where() + " (" + rootMessage(redis.cause()) + ")"
          : "Redis is reachable";
      if (pg.failed()) {
        return Future.failedFuture(Failure.STORE_UNAVAILABLE.exception("PostgreSQL is unreachable at " + uri.where()
            + " (" + rootMessage(pg.cause()) + "); " + redisState));
      }
      if (redis.failed()) {
        LOG.warn("{}: rentals and ingest go on with PostgreSQL alone", redisState);
      }
      return Future.succeededFuture();
    });
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
