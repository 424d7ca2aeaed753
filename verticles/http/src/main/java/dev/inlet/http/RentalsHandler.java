package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.ExtendRequest;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/rent}, {@code /api/extend}, {@code /api/release} and {@code /api/ws-token}: the life of a session. */
final class RentalsHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RentalsHandler.class);

  private final BusClient bus;
  private final Clock clock;
  private final Duration tokenLifetimeWhenUnknown;
  private final AbuseLimits limits;
  private final ApiKeys keys;

  RentalsHandler(BusClient bus, Clock clock, Duration tokenLifetimeWhenUnknown, AbuseLimits limits, ApiKeys keys) {
    this.bus = bus;
    this.clock = clock;
    this.tokenLifetimeWhenUnknown = tokenLifetimeWhenUnknown;
    this.limits = limits;
    this.keys = keys;
  }

  void rent(RoutingContext ctx) {
    JsonObject body = RequestFields.jsonObject(ctx);
    String number = RequestFields.optionalE164(body, ApiJson.NUMBER);
    String country = RequestFields.optionalCountry(RequestFields.optionalString(body, ApiJson.COUNTRY), ApiJson.COUNTRY);
    String service = RequestFields.optionalString(body, ApiJson.SERVICE);
    int duration = RequestFields.optionalPositiveInt(body, ApiJson.DURATION_SECONDS);
    if (number == null && country == null) {
      throw Problem.invalidRequest("give either number (an E.164 number such as +12125551234) "
          + "or country (such as US)").exception();
    }
    String owner = BearerAuth.owner(ctx);
    limits.rent(owner, keys.limitsOf(owner))
        .compose(permit -> bus.<Rental>request(Addresses.POOL_RENT, new RentRequest(number, country, service, owner,
                duration))
            .andThen(ar -> {
              if (ar.succeeded()) {
                permit.rented(ar.result()).onFailure(e -> LOG.warn("rental limits not updated: {}", e.getMessage()));
              } else {
                permit.failed();
              }
            }))
        .compose(rental -> wsTokenOrNone(rental, owner)
            .map(token -> ApiJson.rental(rental, token, clock.instant())))
        .onSuccess(json -> Responses.secret(ctx).json(json))
        .onFailure(ctx::fail);
  }

  /** The session is rented whatever happens here: without a token the client can ask /api/ws-token. */
  private Future<WsToken> wsTokenOrNone(Rental rental, String owner) {
    return bus.<WsToken>request(Addresses.POOL_WS_TOKEN, SessionQuery.byOwner(rental.sessionId(), owner))
        .map(this::withExpiry)
        .recover(e -> {
          LOG.warn("session rented without a WebSocket token: {}", e.getMessage());
          return Future.succeededFuture(null);
        });
  }

  /**
   * Moves the session's expiry {@code seconds} later (the pool keeps it within the longest rental) and
   * answers the rental as {@code /api/rent} does, without a new WebSocket token (the session's tokens stay valid).
   */
  void extend(RoutingContext ctx) {
    JsonObject body = RequestFields.jsonObject(ctx);
    String sessionId = RequestFields.requiredString(body, ApiJson.SESSION_ID);
    int seconds = RequestFields.optionalPositiveInt(body, ApiJson.SECONDS);
    if (seconds == 0) {
      throw Problem.invalidRequest(ApiJson.SECONDS + " is required (a positive whole number of seconds)").exception();
    }
    bus.<Rental>request(Addresses.POOL_EXTEND, new ExtendRequest(sessionId, BearerAuth.owner(ctx), seconds))
        .andThen(ar -> {
          if (ar.succeeded()) {
            limits.held(ar.result());
          }
        })
        .map(rental -> ApiJson.rental(rental, null, clock.instant()))
        .onSuccess(json -> Responses.secret(ctx).json(json))
        .onFailure(ctx::fail);
  }

  void release(RoutingContext ctx) {
    SessionQuery query = sessionOf(ctx);
    bus.<Rental>request(Addresses.POOL_RELEASE, query)
        .andThen(ar -> {
          if (ar.succeeded()) {
            limits.released(query.owner(), query.sessionId());
          }
        })
        .onSuccess(ended -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  void wsToken(RoutingContext ctx) {
    SessionQuery query = sessionOf(ctx);
    bus.<WsToken>request(Addresses.POOL_WS_TOKEN, query)
        .map(token -> ApiJson.wsToken(withExpiry(token), clock.instant()))
        .onSuccess(json -> Responses.secret(ctx).json(json))
        .onFailure(ctx::fail);
  }

  /** The token with an expiry: a pool of another version may send none. */
  private WsToken withExpiry(WsToken token) {
    return token.expiresAt() != null ? token
        : new WsToken(token.sessionId(), token.token(), clock.instant().plus(tokenLifetimeWhenUnknown));
  }

  /** {@code GET /api/sessions/{session_id}}: one of the caller's sessions, active or ended. */
  void session(RoutingContext ctx) {
    String sessionId = ctx.pathParam(ApiJson.SESSION_ID);
    bus.<Rental>request(Addresses.POOL_SESSION, SessionQuery.byOwner(sessionId, BearerAuth.owner(ctx)))
        .map(rental -> ApiJson.session(rental, clock.instant()))
        .onSuccess(json -> Responses.secret(ctx).json(json))
        .onFailure(ctx::fail);
  }

  private static SessionQuery sessionOf(RoutingContext ctx) {
    String sessionId = RequestFields.requiredString(RequestFields.jsonObject(ctx), ApiJson.SESSION_ID);
    return SessionQuery.byOwner(sessionId, BearerAuth.owner(ctx));
  }
}
