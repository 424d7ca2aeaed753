package dev.inlet.http;

import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalList;
import dev.inlet.shared.message.StoreHealth;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON shapes of the API, and so the only place its field names are written. Names are part of
 * the contract: fields may be added, never renamed. Instants are ISO-8601 in UTC.
 */
final class ApiJson {

  // request fields
  static final String NUMBER = "number";
  static final String COUNTRY = "country";
  static final String SERVICE = "service";
  static final String DURATION_SECONDS = "duration_seconds";
  static final String SESSION_ID = "session_id";
  static final String TO = "to";
  static final String FROM = "from";
  static final String TEXT = "text";
  static final String SECONDS = "seconds";
  /** Query parameters of paged listings. */
  static final String AFTER = "after";
  static final String LIMIT = "limit";
  /** Query parameter of the WebSocket carrying a WebSocket token. */
  static final String TOKEN = "token";

  private ApiJson() {
  }

  static JsonObject numbers(NumberList list) {
    JsonArray numbers = new JsonArray();
    for (PoolNumber n : list.numbers()) {
      numbers.add(new JsonObject()
          .put(NUMBER, n.number())
          .put(COUNTRY, n.country())
          .put("capabilities", new JsonArray(n.capabilities())));
    }
    return new JsonObject().put("numbers", numbers);
  }

  /** A new rental, with the WebSocket token to follow it when the pool gave one (else null). */
  static JsonObject rental(Rental rental, WsToken token, Instant now) {
    JsonObject json = new JsonObject()
        .put(SESSION_ID, rental.sessionId())
        .put(NUMBER, rental.number())
        .put("expires_in", secondsUntil(rental.expiresAt(), now))
        .put("expires_at", iso(rental.expiresAt()))
        .put(COUNTRY, rental.country());
    if (rental.service() != null) {
      json.put(SERVICE, rental.service());
    }
    if (token != null) {
      json.put("ws_token", token.token())
          .put("ws_token_expires_in", secondsUntil(token.expiresAt(), now));
    }
    return json;
  }

  static JsonObject wsToken(WsToken token, Instant now) {
    return new JsonObject()
        .put("token", token.token())
        .put("expires_in", secondsUntil(token.expiresAt(), now))
        .put("expires_at", iso(token.expiresAt()))
        .put(SESSION_ID, token.sessionId());
  }

  /**
   * A page of an inbox, with {@code next_after}: the id of its last message, to pass as {@code after} for the
   * next page (JSON null when the page is empty).
   */
  static JsonObject messages(MessageList list) {
    JsonArray messages = new JsonArray();
    list.messages().forEach(sms -> messages.add(message(sms)));
    String nextAfter = list.messages().isEmpty() ? null : list.messages().get(list.messages().size() - 1).id();
    return new JsonObject().put("messages", messages).put("next_after", nextAfter);
  }

  /**
   * One message, as listed and as pushed on the WebSocket. {@code code} is JSON null when none was found;
   * {@code text} and {@code code} are JSON null once purged after the retention window; {@code sent_at} (the
   * source's own timestamp) is JSON null when the source gave none.
   */
  static JsonObject message(StoredSms sms) {
    return new JsonObject()
        .put("id", sms.id())
        .put(FROM, sms.from())
        .put(TO, sms.to())
        .put(TEXT, sms.text())
        .put("code", sms.code())
        .put("received_at", iso(sms.receivedAt()))
        .put("sent_at", iso(sms.sentAt()));
  }

  /** Listing with {@code compact=true}: each message as id, from, code and received_at only. */
  static JsonObject compactMessages(MessageList list) {
    JsonArray messages = new JsonArray();
    list.messages().forEach(sms -> messages.add(new JsonObject()
        .put("id", sms.id()).put(FROM, sms.from()).put("code", sms.code()).put("received_at", iso(sms.receivedAt()))));
    String nextAfter = list.messages().isEmpty() ? null : list.messages().get(list.messages().size() - 1).id();
    return new JsonObject().put("messages", messages).put("next_after", nextAfter);
  }

  /** {@code GET /api/sessions/{id}}: a session, active or ended. */
  static JsonObject session(Rental rental, Instant now) {
    boolean active = !rental.ended(now);
    return new JsonObject()
        .put(SESSION_ID, rental.sessionId())
        .put(NUMBER, rental.number())
        .put(COUNTRY, rental.country())
        .put(SERVICE, rental.service())
        .put("active", active)
        .put("started_at", iso(rental.startedAt()))
        .put("expires_at", iso(rental.expiresAt()))
        .put("expires_in", active ? secondsUntil(rental.expiresAt(), now) : 0)
        .put("ended_at", iso(rental.endedAt()))
        .put("end_reason", rental.endReason())
        .put("last_sms_at", iso(rental.lastSmsAt()));
  }

  /** A pool number for the admin API, in its state at {@code now}. */
  static JsonObject numberStatus(dev.inlet.shared.store.NumberStatus status, Instant now) {
    dev.inlet.shared.store.NumberLifecycle.NumberState state =
        dev.inlet.shared.store.NumberLifecycle.effective(status.state(), now);
    return new JsonObject()
        .put(NUMBER, status.number().number())
        .put(COUNTRY, status.number().country())
        .put("capabilities", new JsonArray(status.number().capabilities()))
        .put("state", state.state().name())
        .put(SESSION_ID, state.sessionId())
        .put("until", iso(state.until()))
        .put("reason", state.reason())
        .put("blocked_services", new JsonArray(status.blockedServices()));
  }

  /** The rentals of a number, newest first, for the admin API: who (owner id, never a key) held it when. */
  static JsonObject history(String number, RentalList list) {
    JsonArray rentals = new JsonArray();
    for (Rental r : list.rentals()) {
      rentals.add(new JsonObject()
          .put(SESSION_ID, r.sessionId())
          .put("owner", r.owner())
          .put(SERVICE, r.service())
          .put("started_at", iso(r.startedAt()))
          .put("expires_at", iso(r.expiresAt()))
          .put("ended_at", iso(r.endedAt()))
          .put("end_reason", r.endReason())
          .put("last_sms_at", iso(r.lastSmsAt())));
    }
    return new JsonObject().put(NUMBER, number).put("rentals", rentals);
  }

  /** A successful import: how many rows, how many numbers were new, how many were in the pool already. */
  static JsonObject imported(ImportResult result) {
    return new JsonObject()
        .put("rows", result.rows())
        .put("added", result.added())
        .put("already_in_pool", result.alreadyInPool());
  }

  /** The bad rows of an import, as the {@code errors} member of its problem. */
  static JsonArray importErrors(ImportResult result) {
    JsonArray errors = new JsonArray();
    result.errors().forEach(e -> errors.add(new JsonObject().put("row", e.row()).put("problem", e.problem())));
    return errors;
  }

  static JsonObject labAccepted(LabInjectResult result) {
    return new JsonObject()
        .put("accepted", true)
        .put("command_status", result.commandStatus())
        .put("smsc_message_id", result.smscMessageId());
  }

  /** {@code /health}: UP with the store that serves, or DOWN with why it cannot. */
  static JsonObject health(StoreHealth store) {
    return new JsonObject().put("status", store.problem() == null ? "UP" : "DOWN")
        .put("store", new JsonObject().put("kind", store.kind()).put("durable", store.durable())
            .put("problem", store.problem()));
  }

  /** {@code /health} when no router answered: the store cannot be reached through the bus. */
  static JsonObject healthUnknown(String why) {
    return new JsonObject().put("status", "DOWN").put("store", new JsonObject().put("problem", why));
  }

  /** ISO-8601 in UTC to the millisecond, e.g. 2026-11-25T18:00:00.123Z; null stays null. */
  static String iso(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  /** Whole seconds from now until the instant, rounded up, never negative. */
  static long secondsUntil(Instant at, Instant now) {
    long millis = Duration.between(now, at).toMillis();
    return millis <= 0 ? 0 : (millis + 999) / 1000;
  }
}
