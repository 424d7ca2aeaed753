package dev.inlet.storage.postgres;

import dev.inlet.shared.lease.BindLease;
import dev.inlet.shared.lease.BindLeases;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Bind leases in PostgreSQL ({@code bind_leases}): each step is one statement, decided by the database under the
 * row's lock and by the database's clock ({@code clock_timestamp()}), so nodes' clocks, Hazelcast membership and
 * partitions do not matter. A node cut off from PostgreSQL cannot renew, and so stops acknowledging.
 */
final class PgBindLeases implements BindLeases {

  private static final String ACQUIRE = """
      INSERT INTO bind_leases AS l (slot, holder, token, expires_at)
      VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond')
      ON CONFLICT (slot) DO UPDATE
         SET holder = EXCLUDED.holder,
             token = CASE WHEN l.holder = EXCLUDED.holder THEN l.token ELSE l.token + 1 END,
             expires_at = EXCLUDED.expires_at
       WHERE l.holder = EXCLUDED.holder OR l.expires_at <= clock_timestamp()
      RETURNING token, expires_at""";

  private static final String RENEW = """
      UPDATE bind_leases SET expires_at = clock_timestamp() + $4 * interval '1 millisecond'
       WHERE slot = $1 AND holder = $2 AND token = $3
      RETURNING token, expires_at""";

  private static final String RELEASE = """
      UPDATE bind_leases SET expires_at = '-infinity' WHERE slot = $1 AND holder = $2 AND token = $3""";

  private final Pool pool;

  PgBindLeases(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<BindLease>> acquire(String key, String holder, Duration ttl) {
    return pool.preparedQuery(ACQUIRE).execute(Tuple.of(key, holder, ttl.toMillis()))
        .map(rows -> lease(rows, key, holder));
  }

  @Override
  public Future<Optional<BindLease>> renew(BindLease lease, Duration ttl) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(lease.key(), lease.holder(), lease.token(), ttl.toMillis()))
        .map(rows -> lease(rows, lease.key(), lease.holder()));
  }

  @Override
  public Future<Void> release(BindLease lease) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(lease.key(), lease.holder(), lease.token())).mapEmpty();
  }

  private static Optional<BindLease> lease(RowSet<Row> rows, String key, String holder) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new BindLease(key, holder, row.getLong("token"),
        row.get(OffsetDateTime.class, "expires_at").toInstant()));
  }
}
