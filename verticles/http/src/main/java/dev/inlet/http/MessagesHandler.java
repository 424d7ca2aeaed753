package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SessionQuery;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/messages?session_id=&after=&limit=&compact=}: a page of the inbox of one of the caller's sessions,
 * ended ones too, in the order received. {@code after} is the id of the last message already seen (the
 * {@code next_after} of the previous page); {@code limit} is the page size, 1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}; {@code compact=true} lists each message as id, from, code and received_at. The pool first
 * checks that the session is the caller's; only then is the router asked.
 */
final class MessagesHandler {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final String COMPACT = "compact";

  private final BusClient bus;

  MessagesHandler(BusClient bus) {
    this.bus = bus;
  }

  void list(RoutingContext ctx) {
    String sessionId = RequestFields.requiredQuery(ctx, ApiJson.SESSION_ID);
    String after = RequestFields.optionalQuery(ctx, ApiJson.AFTER);
    int limit = RequestFields.optionalLimit(ctx, ApiJson.LIMIT, DEFAULT_LIMIT, MAX_LIMIT);
    boolean compact = "true".equalsIgnoreCase(RequestFields.optionalQuery(ctx, COMPACT));
    bus.<Rental>request(Addresses.POOL_SESSION, SessionQuery.byOwner(sessionId, BearerAuth.owner(ctx)))
        .compose(rental -> bus.<MessageList>request(Addresses.ROUTER_INBOX,
            new InboxQuery(rental.sessionId(), after, limit)))
        .map(list -> compact ? ApiJson.compactMessages(list) : ApiJson.messages(list))
        .onSuccess(json -> Responses.secret(ctx).json(json))
        .onFailure(ctx::fail);
  }
}
