package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/messages/wait?session_id=&from=&contains=&after=&timeout=}: the first message of one of the caller's
 * sessions after the cursor {@code after} that matches ({@code from}: the sender, letters in any case; {@code contains}:
 * text in any case), answered as soon as it is there. It listens on the session's number first, then reads the inbox
 * after the cursor (so nothing falls between the two), then waits on the bus (no polling) up to {@code timeout}
 * seconds (1 to {@value #MAX_TIMEOUT}, default {@value #DEFAULT_TIMEOUT}); then a 408 problem lists what did arrive.
 */
final class MessageWait {

  static final int DEFAULT_TIMEOUT = 30;
  static final int MAX_TIMEOUT = 60;
  /** Messages read from the inbox per page, and listed at most in a timeout. */
  static final int PAGE = 1000;
  static final int ARRIVED_LISTED = 20;

  private final Vertx vertx;
  private final BusClient bus;

  MessageWait(Vertx vertx, BusClient bus) {
    this.vertx = vertx;
    this.bus = bus;
  }

  void handle(RoutingContext ctx) {
    String sessionId = RequestFields.requiredQuery(ctx, ApiJson.SESSION_ID);
    String after = RequestFields.optionalQuery(ctx, ApiJson.AFTER);
    String from = ctx.request().getParam(ApiJson.FROM);
    String contains = ctx.request().getParam("contains");
    int timeout = RequestFields.optionalLimit(ctx, "timeout", DEFAULT_TIMEOUT, MAX_TIMEOUT);
    Match match = new Match(from == null || from.isEmpty() ? null : from,
        contains == null || contains.isEmpty() ? null : contains.toLowerCase(Locale.ROOT));
    bus.<Rental>request(Addresses.POOL_SESSION, SessionQuery.byOwner(sessionId, BearerAuth.owner(ctx)))
        .onSuccess(rental -> new Waiter(ctx, rental, after, match, timeout).start())
        .onFailure(ctx::fail);
  }

  /** What a message must be to end the wait. */
  record Match(String from, String containsLower) {
    boolean test(StoredSms sms) {
      if (from != null && (sms.from() == null || !sms.from().equalsIgnoreCase(from))) {
        return false;
      }
      return containsLower == null
          || (sms.text() != null && sms.text().toLowerCase(Locale.ROOT).contains(containsLower));
    }

    String describe() {
      List<String> parts = new ArrayList<>();
      if (from != null) {
        parts.add("from " + Excerpt.of(from));
      }
      if (containsLower != null) {
        parts.add("containing \"" + Excerpt.of(containsLower) + "\"");
      }
      return parts.isEmpty() ? "any message" : "a message " + String.join(" and ", parts);
    }
  }

  /** One waiting request: its subscription, its timer, what it has seen. */
  private final class Waiter {
    private final RoutingContext ctx;
    private final Rental rental;
    private final Match match;
    private final int timeoutSeconds;
    private final Set<String> seen = new HashSet<>();
    private final List<StoredSms> pushedWhileReading = new ArrayList<>();
    private final List<StoredSms> arrived = new ArrayList<>();
    private int arrivedCount;
    private String cursor;
    private boolean reading = true;
    private boolean done;
    private MessageConsumer<StoredSms> consumer;
    private long timer = -1;

    Waiter(RoutingContext ctx, Rental rental, String after, Match match, int timeoutSeconds) {
      this.ctx = ctx;
      this.rental = rental;
      this.cursor = after;
      this.match = match;
      this.timeoutSeconds = timeoutSeconds;
    }

    void start() {
      consumer = bus.bus().consumer(Addresses.numberSms(rental.number()), m -> onPushed(m.body()));
      ctx.response().closeHandler(v -> finish());
      timer = vertx.setTimer(timeoutSeconds * 1000L, t -> timedOut());
      consumer.completion().compose(v -> readFrom(cursor)).onComplete(ar -> {
        if (ar.failed()) {
          if (!done) {
            finish();
            ctx.fail(ar.cause());
          }
          return;
        }
        reading = false;
        List<StoredSms> held = List.copyOf(pushedWhileReading);
        pushedWhileReading.clear();
        held.forEach(this::consider);
      });
    }

    /** Reads the inbox page by page after the cursor until a match or its end. */
    private Future<Void> readFrom(String after) {
      return bus.<MessageList>request(Addresses.ROUTER_INBOX, new InboxQuery(rental.sessionId(), after, PAGE))
          .compose(page -> {
            for (StoredSms sms : page.messages()) {
              consider(sms);
              if (done) {
                return Future.succeededFuture();
              }
            }
            if (page.messages().size() < PAGE) {
              return Future.succeededFuture();
            }
            return readFrom(page.messages().get(page.messages().size() - 1).id());
          });
    }

    private void onPushed(StoredSms sms) {
      if (sms == null || done || !rental.sessionId().equals(sms.sessionId())) {
        return;
      }
      if (reading) {
        pushedWhileReading.add(sms);
      } else {
        consider(sms);
      }
    }

    private void consider(StoredSms sms) {
      if (done || !seen.add(sms.id())) {
        return;
      }
      if (match.test(sms)) {
        finish();
        Responses.secret(ctx).json(ApiJson.message(sms));
        return;
      }
      arrivedCount++;
      if (arrived.size() < ARRIVED_LISTED) {
        arrived.add(sms);
      }
    }

    private void timedOut() {
      timer = -1;
      if (done) {
        return;
      }
      finish();
      JsonArray listed = new JsonArray();
      arrived.forEach(sms -> listed.add(ApiJson.message(sms)));
      ctx.fail(Problem.waitTimeout("no " + match.describe() + " arrived within " + timeoutSeconds + " s; "
          + arrivedCount + " other message(s) did" + (arrivedCount > ARRIVED_LISTED ? " (the first "
          + ARRIVED_LISTED + " are listed)" : ""), listed, arrivedCount).exception());
    }

    private void finish() {
      if (done) {
        return;
      }
      done = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      consumer.unregister();
    }
  }
}
