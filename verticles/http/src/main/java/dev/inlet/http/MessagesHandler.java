package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SessionQuery;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/messages?session_id=}: the inbox of one of the caller's sessions, ended ones too.
 * The pool first checks that the session is the caller's; only then is the router asked.
 */
final class MessagesHandler {

  private final BusClient bus;

  MessagesHandler(BusClient bus) {
    this.bus = bus;
  }

  void list(RoutingContext ctx) {
    String sessionId = RequestFields.requiredQuery(ctx, ApiJson.SESSION_ID);
    bus.<Rental>request(Addresses.POOL_SESSION, SessionQuery.byOwner(sessionId, BearerAuth.owner(ctx)))
        .compose(rental -> bus.<MessageList>request(Addresses.ROUTER_INBOX, new InboxQuery(rental.sessionId())))
        .map(ApiJson::messages)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
