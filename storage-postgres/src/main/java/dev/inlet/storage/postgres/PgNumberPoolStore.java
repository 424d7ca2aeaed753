package dev.inlet.storage.postgres;

import static dev.inlet.storage.postgres.PgRows.NUMBER_COLUMNS;
import static dev.inlet.storage.postgres.PgRows.NUMBER_STATUS_COLUMNS;
import static dev.inlet.storage.postgres.PgRows.RENTAL_COLUMNS;
import static dev.inlet.storage.postgres.PgRows.micros;
import static dev.inlet.storage.postgres.PgRows.odt;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.WsToken;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.NumberLifecycle;
import dev.inlet.shared.store.NumberLifecycle.NumberState;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.NumberQuery;
import dev.inlet.shared.store.NumberStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The number pool in PostgreSQL. Each step is one transaction that locks the number's row ({@code FOR UPDATE}),
 * applies {@link NumberLifecycle} to the state it read, and writes the state and the rental back: PostgreSQL alone
 * decides who holds a number. Lock order is always the number's row, then its rentals. After a commit the change is
 * written through to {@link RedisHotState} (best effort).
 */
final class PgNumberPoolStore implements NumberPoolStore {

  private static final int ADD_CHUNK = 5_000;

  private static final String SELECT_RENTAL = "SELECT " + RENTAL_COLUMNS + " FROM rentals WHERE session_id = $1";

  private static final String LOCK_NAMED = "SELECT " + NUMBER_COLUMNS
      + ", $2::text IS NOT NULL AND EXISTS (SELECT 1 FROM number_blocklist b WHERE b.number = numbers.number"
      + " AND b.service = $2) AS blocked FROM numbers WHERE number = $1 FOR UPDATE";

  /** Any number of a country free at $2, not blocked for $3: one index probe on numbers_claimable. */
  private static final String LOCK_ANY = "SELECT " + NUMBER_COLUMNS + ", false AS blocked FROM numbers"
      + " WHERE country = $1 AND free_at <= $2"
      + " AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM number_blocklist b WHERE b.number = numbers.number"
      + " AND b.service = $3))"
      + " ORDER BY free_at, number LIMIT 1 FOR UPDATE SKIP LOCKED";

  private static final String INSERT_RENTAL = "WITH r AS (INSERT INTO rentals"
      + " (session_id, number, country, service, owner, started_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
      + " ON CONFLICT (session_id) DO NOTHING RETURNING session_id)"
      + " UPDATE numbers SET state = $8, session_id = $9, state_until = $10, state_reason = $11"
      + " WHERE number = $2 AND EXISTS (SELECT 1 FROM r) RETURNING number";

  private static final String WRITE_STATE =
      "UPDATE numbers SET state = $2, session_id = $3, state_until = $4, state_reason = $5 WHERE number = $1";

  private static final String WRITE_END = "WITH e AS (UPDATE rentals SET ended_at = $2, end_reason = $3"
      + " WHERE session_id = $1 AND ended_at IS NULL)"
      + " UPDATE numbers SET state = $5, session_id = $6, state_until = $7, state_reason = $8 WHERE number = $4";

  private static final String LOCK_NUMBER_OF_SESSION = "SELECT " + NUMBER_COLUMNS + " FROM numbers"
      + " WHERE number = (SELECT number FROM rentals WHERE session_id = $1) FOR UPDATE";

  /** Rentals (with their number's state) due, or the given candidates; rows someone else holds are skipped. */
  private static final String LOCK_DUE = "SELECT " + prefixed("r.", RENTAL_COLUMNS)
      + ", n.state, n.session_id AS held_by, n.state_until, n.state_reason"
      + " FROM rentals r JOIN numbers n ON n.number = r.number WHERE ";
  private static final String DUE_FROM_PG = LOCK_DUE + "r.ended_at IS NULL AND (r.expires_at <= $1"
      + " OR ($2::bigint IS NOT NULL AND coalesce(r.last_sms_at, r.started_at) <= $1 - $2 * interval '1 millisecond'))"
      + " LIMIT $3 FOR UPDATE OF n, r SKIP LOCKED";
  private static final String DUE_CANDIDATES = LOCK_DUE + "r.session_id = ANY($1::text[])"
      + " FOR UPDATE OF n, r SKIP LOCKED";

  static final String HOLDER = "SELECT " + RENTAL_COLUMNS + " FROM (SELECT * FROM rentals"
      + " WHERE number = $1 AND started_at <= $2 ORDER BY started_at DESC, seq DESC LIMIT 4) r"
      + " WHERE $2 < least(coalesce(ended_at, 'infinity'), expires_at) + $3 * interval '1 millisecond'"
      + " ORDER BY started_at DESC, seq DESC LIMIT 1";

  private final Pool pool;
  private final RedisHotState hot;

  PgNumberPoolStore(Pool pool, RedisHotState hot) {
    this.pool = pool;
    this.hot = hot;
  }

  RedisHotState hot() {
    return hot;
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + String.join(", " + prefix, columns.split(", "));
  }

  private static Tuple stateArgs(Tuple t, NumberState s) {
    return t.addString(s.state().name()).addString(s.sessionId()).addOffsetDateTime(odt(s.until()))
        .addString(s.reason());
  }

  private static Future<Void> writeState(SqlConnection conn, String number, NumberState s) {
    return conn.preparedQuery(WRITE_STATE).execute(stateArgs(Tuple.of(number), s)).mapEmpty();
  }

  private static Tuple endArgs(Rental ended, NumberState s) {
    return stateArgs(Tuple.of(ended.sessionId(), odt(ended.endedAt()), ended.endReason(), ended.number()), s);
  }

  private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map.apply(it.next())) : Optional.empty();
  }

  private static Supplier<ReplyException> unknown(String number) {
    return () -> Failure.UNKNOWN_NUMBER.exception("number " + number + " is not in the pool");
  }

  // ---- numbers ------------------------------------------------------------------------------

  @Override
  public Future<Integer> addNumbers(List<PoolNumber> numbers) {
    Future<Integer> total = Future.succeededFuture(0);
    for (int from = 0; from < numbers.size(); from += ADD_CHUNK) {
      List<PoolNumber> chunk = numbers.subList(from, Math.min(numbers.size(), from + ADD_CHUNK));
      total = total.compose(sum -> addChunk(chunk).map(n -> sum + n));
    }
    return PgErrors.map(total, "add numbers");
  }

  private Future<Integer> addChunk(List<PoolNumber> chunk) {
    String[] number = new String[chunk.size()];
    String[] country = new String[chunk.size()];
    String[] caps = new String[chunk.size()];
    for (int i = 0; i < chunk.size(); i++) {
      number[i] = chunk.get(i).number();
      country[i] = chunk.get(i).country();
      caps[i] = String.join("\u001f", chunk.get(i).capabilities());
    }
    return pool.preparedQuery("INSERT INTO numbers (number, country, capabilities)"
            + " SELECT n, c, string_to_array(k, chr(31)) FROM unnest($1::text[], $2::text[], $3::text[]) AS t(n, c, k)"
            + " ON CONFLICT (number) DO NOTHING")
        .execute(Tuple.tuple().addArrayOfString(number).addArrayOfString(country).addArrayOfString(caps))
        .map(RowSet::rowCount);
  }

  @Override
  public Future<Optional<NumberStatus>> number(String e164) {
    return PgErrors.map(pool.preparedQuery("SELECT " + NUMBER_STATUS_COLUMNS + " FROM numbers WHERE number = $1")
        .execute(Tuple.of(e164)).map(rows -> first(rows, PgRows::status)), "read a number");
  }

  @Override
  public Future<List<NumberStatus>> numbers(NumberQuery q) {
    String sql = "SELECT " + NUMBER_STATUS_COLUMNS + " FROM numbers"
        + " WHERE ($1::text IS NULL OR country = $1) AND ($2::text IS NULL OR number > $2)"
        + " AND ($3::timestamptz IS NULL OR (free_at <= $3 AND ($4::text IS NULL OR NOT EXISTS"
        + " (SELECT 1 FROM number_blocklist b WHERE b.number = numbers.number AND b.service = $4))))"
        + " ORDER BY number LIMIT $5";
    Tuple args = Tuple.tuple().addString(q.country()).addString(q.after()).addOffsetDateTime(odt(q.freeAt()))
        .addString(q.freeAt() == null ? null : q.service()).addInteger(q.limit());
    return PgErrors.map(pool.preparedQuery(sql).execute(args).map(rows -> {
      List<NumberStatus> page = new ArrayList<>();
      rows.forEach(r -> page.add(PgRows.status(r)));
      return page;
    }), "list numbers");
  }

  // ---- rentals ------------------------------------------------------------------------------

  /** The claim was decided by a concurrent claim with the same session id. */
  private static final class AlreadyClaimed extends RuntimeException {
    AlreadyClaimed() {
      super(null, null, false, false);
    }
  }

  @Override
  public Future<Rental> claim(ClaimRequest request) {
    Future<Rental> f = rentalById(request.sessionId()).compose(known -> known.isPresent()
        ? Future.succeededFuture(known.get())
        : pool.withTransaction(conn -> claimIn(conn, request))
            .onSuccess(hot::active)
            .recover(t -> t instanceof AlreadyClaimed
                ? rentalById(request.sessionId()).map(Optional::orElseThrow)
                : Future.failedFuture(t)));
    return PgErrors.map(f, "claim a number");
  }

  private Future<Rental> claimIn(SqlConnection conn, ClaimRequest r) {
    Instant at = micros(r.at());
    Future<RowSet<Row>> locked = r.number() != null
        ? conn.preparedQuery(LOCK_NAMED).execute(Tuple.of(r.number(), r.service()))
        : conn.preparedQuery(LOCK_ANY).execute(Tuple.of(r.country(), odt(at), r.service()));
    return locked.compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw r.number() != null ? unknown(r.number()).get() : Failure.NO_NUMBER_AVAILABLE.exception(
            "no free number in " + r.country() + (r.service() == null ? "" : " for " + r.service())
                + " right now; try again later");
      }
      Row row = rows.iterator().next();
      String number = row.getString("number");
      NumberState next = NumberLifecycle.claim(number, PgRows.state(row), at,
          Boolean.TRUE.equals(row.getBoolean("blocked")), r.service(), r.sessionId());
      Rental rental = new Rental(r.sessionId(), number, row.getString("country"), r.service(), r.owner(), at,
          micros(r.expiresAt()), null, null, null);
      Tuple args = Tuple.of(rental.sessionId(), number, rental.country(), rental.service(), rental.owner(),
          odt(rental.startedAt()), odt(rental.expiresAt()));
      return conn.preparedQuery(INSERT_RENTAL).execute(stateArgs(args, next)).map(done -> {
        if (done.rowCount() == 0) {
          throw new AlreadyClaimed();
        }
        return rental;
      });
    });
  }

  private Future<Optional<Rental>> rentalById(String sessionId) {
    return pool.preparedQuery(SELECT_RENTAL).execute(Tuple.of(sessionId)).map(rows -> first(rows, PgRows::rental));
  }

  @Override
  public Future<Optional<Rental>> rental(String sessionId) {
    return PgErrors.map(rentalById(sessionId), "read a rental");
  }

  @Override
  public Future<Rental> extend(String sessionId, Instant newExpiry) {
    Future<Rental> f = pool.withTransaction(conn -> conn.preparedQuery(SELECT_RENTAL + " FOR UPDATE")
        .execute(Tuple.of(sessionId)).compose(rows -> {
          Rental r = first(rows, PgRows::rental)
              .orElseThrow(() -> Failure.SESSION_NOT_FOUND.exception("no session " + sessionId));
          if (r.ended(Instant.now())) {
            throw Failure.SESSION_ENDED.exception("session " + sessionId + " has ended");
          }
          Rental extended = r.extendedTo(micros(newExpiry));
          return conn.preparedQuery("UPDATE rentals SET expires_at = $2 WHERE session_id = $1")
              .execute(Tuple.of(sessionId, odt(extended.expiresAt()))).map(extended);
        })).onSuccess(hot::active);
    return PgErrors.map(f, "extend a rental");
  }

  @Override
  public Future<Optional<Rental>> end(String sessionId, Instant at, String reason, Duration cooldown) {
    Future<Optional<Rental>> f = pool.withTransaction(conn -> conn.preparedQuery(LOCK_NUMBER_OF_SESSION)
        .execute(Tuple.of(sessionId)).compose(numbers -> {
          Optional<NumberState> state = first(numbers, PgRows::state);
          if (state.isEmpty()) {
            return Future.succeededFuture(Optional.<Rental>empty());
          }
          return conn.preparedQuery(SELECT_RENTAL + " FOR UPDATE").execute(Tuple.of(sessionId))
              .compose(rows -> endIn(conn, first(rows, PgRows::rental), state.get(), micros(at), reason, cooldown));
        })).onSuccess(ended -> ended.ifPresent(r -> hot.ended(List.of(r), cooldown)));
    return PgErrors.map(f, "end a rental");
  }

  /** Ends the rental (if it has not ended) and moves its number on; the number's row is locked. */
  private static Future<Optional<Rental>> endIn(SqlConnection conn, Optional<Rental> rental, NumberState state,
                                                Instant at, String reason, Duration cooldown) {
    Optional<Rental> open = rental.filter(r -> r.endedAt() == null);
    if (open.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    Rental ended = open.get().end(at, reason);
    NumberState next = NumberLifecycle.end(state, ended.sessionId(), ended.until().plus(cooldown));
    return conn.preparedQuery(WRITE_END).execute(endArgs(ended, next)).map(Optional.of(ended));
  }

  @Override
  public Future<List<Rental>> expireDue(Instant now, Duration idle, Duration cooldown, int limit) {
    Instant at = micros(now);
    Future<List<Rental>> f = hot.ensureBuilt(this::activePage, false)
        .compose(v -> hot.dueCandidates(at, idle, limit))
        .compose(candidates -> pool.withTransaction(conn -> {
          Long idleMs = idle == null ? null : idle.toMillis();
          Future<RowSet<Row>> locked = candidates.isPresent()
              ? conn.preparedQuery(DUE_CANDIDATES).execute(Tuple.of(candidates.get().toArray(String[]::new)))
              : conn.preparedQuery(DUE_FROM_PG).execute(Tuple.of(odt(at), idleMs, limit));
          return locked.compose(rows -> endDue(conn, rows, at, idle, cooldown, limit, candidates.isPresent()));
        }))
        .onSuccess(ended -> {
          hot.ended(ended, cooldown);
          if (!hot.complete()) {
            hot.ensureBuilt(this::activePage, false);
          }
        });
    return PgErrors.map(f, "expire rentals");
  }

  private Future<List<Rental>> endDue(SqlConnection conn, RowSet<Row> rows, Instant now, Duration idle,
                                      Duration cooldown, int limit, boolean fromCache) {
    List<Rental> ended = new ArrayList<>();
    List<Tuple> writes = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (Row row : rows) {
      Rental r = PgRows.rental(row);
      NumberState state = new NumberState(NumberLifecycle.State.valueOf(row.getString("state")),
          row.getString("held_by"), PgRows.instant(row, "state_until"), row.getString("state_reason"));
      Optional<Rental> due = ended.size() < limit ? due(r, state, now, idle) : Optional.empty();
      if (due.isPresent()) {
        Rental e = due.get();
        ended.add(e);
        writes.add(endArgs(e, NumberLifecycle.end(state, e.sessionId(), e.until().plus(cooldown))));
      } else if (fromCache && r.endedAt() != null) {
        stale.add(r.sessionId());
      } else if (fromCache && ended.size() < limit) {
        hot.active(r); // the cache had it due too early (a lost write): correct it
      }
    }
    hot.forget(stale);
    if (writes.isEmpty()) {
      return Future.succeededFuture(ended);
    }
    return conn.preparedQuery(WRITE_END).executeBatch(writes).map(ended);
  }

  /** The end a rental is due at {@code now}, as the in-memory reference decides it. */
  private static Optional<Rental> due(Rental r, NumberState state, Instant now, Duration idle) {
    if (!state.held() || !r.sessionId().equals(state.sessionId()) || r.endedAt() != null) {
      return Optional.empty();
    }
    if (!now.isBefore(r.expiresAt())) {
      return Optional.of(r.end(r.expiresAt(), "EXPIRED"));
    }
    if (idle != null) {
      Instant idleAt = (r.lastSmsAt() == null ? r.startedAt() : r.lastSmsAt()).plus(idle);
      if (!now.isBefore(idleAt)) {
        return Optional.of(r.end(micros(idleAt), "IDLE"));
      }
    }
    return Optional.empty();
  }

  /** A page of the active rentals, in (expiry, session id) order after {@code after}: what the cache is rebuilt from. */
  Future<List<Rental>> activePage(Rental after, int limit) {
    Tuple args = Tuple.tuple().addOffsetDateTime(after == null ? null : odt(after.expiresAt()))
        .addString(after == null ? null : after.sessionId()).addInteger(limit);
    return pool.preparedQuery("SELECT " + RENTAL_COLUMNS + " FROM rentals WHERE ended_at IS NULL"
            + " AND ($1::timestamptz IS NULL OR (expires_at, session_id) > ($1, $2::text))"
            + " ORDER BY expires_at, session_id LIMIT $3")
        .execute(args).map(rows -> {
          List<Rental> page = new ArrayList<>();
          rows.forEach(r -> page.add(PgRows.rental(r)));
          return page;
        });
  }

  @Override
  public Future<Optional<Rental>> holder(String number, Instant at, Duration grace) {
    return PgErrors.map(pool.preparedQuery(HOLDER).execute(Tuple.of(number, odt(micros(at)), grace.toMillis()))
        .map(rows -> first(rows, PgRows::rental)), "find a holder");
  }

  @Override
  public Future<List<Rental>> liveRentals(Instant now, Instant endedAfter) {
    String sql = "SELECT " + RENTAL_COLUMNS + " FROM rentals WHERE ended_at IS NULL AND (expires_at > $1 OR expires_at > $2)"
        + " UNION ALL SELECT " + RENTAL_COLUMNS + " FROM rentals WHERE ended_at > $2 AND least(ended_at, expires_at) > $2";
    return PgErrors.map(pool.preparedQuery(sql).execute(Tuple.of(odt(now), odt(endedAfter))).map(rows -> {
      List<Rental> live = new ArrayList<>();
      rows.forEach(r -> live.add(PgRows.rental(r)));
      return live;
    }), "list live rentals");
  }

  @Override
  public Future<List<Rental>> history(String number, int limit) {
    Future<List<Rental>> f = pool.preparedQuery("SELECT 1 FROM numbers WHERE number = $1").execute(Tuple.of(number))
        .compose(found -> {
          if (found.rowCount() == 0) {
            throw unknown(number).get();
          }
          return pool.preparedQuery("SELECT " + RENTAL_COLUMNS + " FROM rentals WHERE number = $1"
              + " ORDER BY started_at DESC, seq DESC LIMIT $2").execute(Tuple.of(number, limit));
        }).map(rows -> {
          List<Rental> all = new ArrayList<>();
          rows.forEach(r -> all.add(PgRows.rental(r)));
          return all;
        });
    return PgErrors.map(f, "read a number's history");
  }

  private static Future<NumberState> lockNumber(SqlConnection conn, String number) {
    return conn.preparedQuery("SELECT " + NUMBER_COLUMNS + " FROM numbers WHERE number = $1 FOR UPDATE")
        .execute(Tuple.of(number))
        .map(rows -> first(rows, PgRows::state).orElseThrow(unknown(number)));
  }

  private static Future<NumberStatus> statusIn(SqlConnection conn, String number) {
    return conn.preparedQuery("SELECT " + NUMBER_STATUS_COLUMNS + " FROM numbers WHERE number = $1")
        .execute(Tuple.of(number)).map(rows -> first(rows, PgRows::status).orElseThrow(unknown(number)));
  }

  @Override
  public Future<Optional<Rental>> quarantine(String number, Instant at, Instant until, String reason,
                                            Duration cooldown) {
    Future<Optional<Rental>> f = pool.withTransaction(conn -> lockNumber(conn, number).compose(state -> {
      Future<Optional<Rental>> ended = state.held()
          ? conn.preparedQuery(SELECT_RENTAL + " FOR UPDATE").execute(Tuple.of(state.sessionId()))
              .compose(rows -> endIn(conn, first(rows, PgRows::rental), state, micros(at), "QUARANTINED", cooldown))
          : Future.succeededFuture(Optional.empty());
      return ended.compose(e -> {
        NumberState after = e.map(r -> NumberLifecycle.end(state, r.sessionId(), r.until().plus(cooldown)))
            .orElse(state);
        return writeState(conn, number, NumberLifecycle.quarantine(after, micros(until), reason)).map(e);
      });
    })).onSuccess(e -> e.ifPresent(r -> hot.ended(List.of(r), cooldown)));
    return PgErrors.map(f, "quarantine a number");
  }

  @Override
  public Future<NumberStatus> returnFromQuarantine(String number, Instant at, Duration cooldown) {
    Future<NumberStatus> f = pool.withTransaction(conn -> lockNumber(conn, number).compose(state ->
        conn.preparedQuery("SELECT " + RENTAL_COLUMNS + " FROM rentals WHERE number = $1"
                + " ORDER BY started_at DESC, seq DESC LIMIT 1").execute(Tuple.of(number))
            .compose(rows -> {
              Instant coolUntil = first(rows, PgRows::rental).map(r -> r.until().plus(cooldown)).orElse(null);
              return writeState(conn, number, NumberLifecycle.returnFromQuarantine(state, micros(at), coolUntil));
            })
            .compose(v -> statusIn(conn, number))));
    return PgErrors.map(f, "return a number from quarantine");
  }

  @Override
  public Future<NumberStatus> setBlocked(String number, String service, boolean blocked) {
    String sql = blocked
        ? "INSERT INTO number_blocklist (number, service) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        : "DELETE FROM number_blocklist WHERE number = $1 AND service = $2";
    Future<NumberStatus> f = pool.withTransaction(conn -> lockNumber(conn, number)
        .compose(state -> conn.preparedQuery(sql).execute(Tuple.of(number, service)))
        .compose(v -> statusIn(conn, number)));
    return PgErrors.map(f, "change a blocklist");
  }

  @Override
  public Future<Void> putWsToken(WsToken token) {
    return PgErrors.map(pool.preparedQuery("INSERT INTO ws_tokens (token, session_id, expires_at) VALUES ($1, $2, $3)"
            + " ON CONFLICT (token) DO UPDATE SET session_id = excluded.session_id, expires_at = excluded.expires_at")
        .execute(Tuple.of(token.token(), token.sessionId(), odt(token.expiresAt()))).mapEmpty(), "store a token");
  }

  @Override
  public Future<Optional<WsToken>> wsToken(String token, Instant now) {
    return PgErrors.map(pool.preparedQuery("SELECT session_id, token, expires_at FROM ws_tokens"
            + " WHERE token = $1 AND expires_at > $2").execute(Tuple.of(token, odt(now)))
        .map(rows -> first(rows, r -> new WsToken(r.getString("session_id"), r.getString("token"),
            PgRows.instant(r, "expires_at")))), "read a token");
  }

  /*
   * A session's one valid token: issuing deletes the session's earlier tokens (and every expired one, so the
   * table holds at most one row per live session) under a transaction-scoped advisory lock on the session, so
   * two concurrent issues leave one token; redeeming deletes the row it answers, so it answers it once.
   */

  @Override
  public Future<Void> issueWsToken(WsToken token) {
    Future<Void> f = pool.withTransaction(conn -> conn
        .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('ws_token:' || $1, 0))")
        .execute(Tuple.of(token.sessionId()))
        .compose(v -> conn.preparedQuery("DELETE FROM ws_tokens WHERE session_id = $1 OR expires_at <= now()")
            .execute(Tuple.of(token.sessionId())))
        .compose(v -> conn.preparedQuery("INSERT INTO ws_tokens (token, session_id, expires_at) VALUES ($1, $2, $3)"
                + " ON CONFLICT (token) DO UPDATE SET session_id = excluded.session_id, expires_at = excluded.expires_at")
            .execute(Tuple.of(token.token(), token.sessionId(), odt(token.expiresAt()))))
        .mapEmpty());
    return PgErrors.map(f, "issue a token");
  }

  @Override
  public Future<Optional<WsToken>> redeemWsToken(String sessionId, String token, Instant now) {
    return PgErrors.map(pool.preparedQuery("DELETE FROM ws_tokens WHERE token = $1 AND session_id = $2"
            + " RETURNING session_id, token, expires_at").execute(Tuple.of(token, sessionId))
        .map(rows -> first(rows, r -> new WsToken(r.getString("session_id"), r.getString("token"),
            PgRows.instant(r, "expires_at"))).filter(t -> now.isBefore(t.expiresAt()))), "redeem a token");
  }

  @Override
  public Future<Void> revokeWsTokens(String sessionId) {
    return PgErrors.map(pool.preparedQuery("DELETE FROM ws_tokens WHERE session_id = $1")
        .execute(Tuple.of(sessionId)).mapEmpty(), "revoke tokens");
  }
}
