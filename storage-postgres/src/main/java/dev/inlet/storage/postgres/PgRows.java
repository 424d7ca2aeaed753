package dev.inlet.storage.postgres;

import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.NumberLifecycle;
import dev.inlet.shared.store.NumberLifecycle.NumberState;
import dev.inlet.shared.store.NumberStatus;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Maps rows to Inlet's records and back: the column lists the statements select, and timestamptz as
 * {@link Instant} (the client reads {@link OffsetDateTime}; PostgreSQL keeps microseconds).
 */
final class PgRows {

  static final String RENTAL_COLUMNS =
      "session_id, number, country, service, owner, started_at, expires_at, ended_at, end_reason, last_sms_at";
  static final String NUMBER_COLUMNS = "number, country, capabilities, state, session_id, state_until, state_reason";
  /** The number columns plus its blocklist, sorted. */
  static final String NUMBER_STATUS_COLUMNS = NUMBER_COLUMNS
      + ", array(SELECT b.service FROM number_blocklist b WHERE b.number = numbers.number ORDER BY b.service) AS blocked";
  static final String MESSAGE_COLUMNS = "id, session_id, number, sender, text, code, received_at, sent_at";

  private PgRows() {
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /** An instant as PostgreSQL will give it back. */
  static Instant micros(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  static Rental rental(Row r) {
    return new Rental(r.getString("session_id"), r.getString("number"), r.getString("country"),
        r.getString("service"), r.getString("owner"), instant(r, "started_at"), instant(r, "expires_at"),
        instant(r, "ended_at"), r.getString("end_reason"), instant(r, "last_sms_at"));
  }

  static PoolNumber poolNumber(Row r) {
    String[] caps = r.getArrayOfStrings("capabilities");
    return new PoolNumber(r.getString("number"), r.getString("country"), caps == null ? List.of() : Arrays.asList(caps));
  }

  static NumberState state(Row r) {
    return new NumberState(NumberLifecycle.State.valueOf(r.getString("state")), r.getString("session_id"),
        instant(r, "state_until"), r.getString("state_reason"));
  }

  static NumberStatus status(Row r) {
    String[] blocked = r.getArrayOfStrings("blocked");
    return new NumberStatus(poolNumber(r), state(r), blocked == null ? List.of() : Arrays.asList(blocked));
  }

  static StoredSms message(Row r) {
    return new StoredSms(r.getString("id"), r.getString("session_id"), r.getString("number"), r.getString("sender"),
        r.getString("text"), r.getString("code"), instant(r, "received_at"), instant(r, "sent_at"));
  }
}
