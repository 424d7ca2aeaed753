package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.StoreHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of Inlet: the REST API and the session WebSocket, as a thin adapter onto the event
 * bus. Each call becomes one or two bus requests; their failures become problem+json responses.
 * Configuration: the "http" section (host, port, apiKeys, adminKeys, wsTokenSeconds, requestTimeoutMs)
 * plus "mode"; the lab endpoints exist in lab mode only. {@code /api/admin/*} takes admin keys only.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private static final String ADMIN = "/api/admin/*";
  /** Every API path outside the admin API ({@code /api} and {@code /api/...}, not {@code /api/admin...}). */
  private static final String NOT_ADMIN = "/api(?:/(?!admin(?:/|$)).*)?";

  /** The pages load scripts from this node only, and talk to it only. */
  private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private HttpServer server;
  private SessionSocket sockets;
  private BrowserBridge bridge;
  /** Limits on sockets per key and per session: none until something is plugged in here. */
  private final SocketAdmission socketAdmission = SocketAdmission.OPEN;

  @Override
  public Future<?> start() {
    HttpSettings settings = HttpSettings.from(config());
    MessageCodecs.register(vertx);
    BusClient bus = new BusClient(vertx.eventBus(), settings.requestTimeoutMs());
    ApiKeys apiKeys = new ApiKeys(settings.apiKeys());
    BearerAuth auth = new BearerAuth(apiKeys);
    AdminAuth adminAuth = new AdminAuth(settings.adminKeys(), apiKeys);
    Clock clock = Clock.systemUTC();
    SocketLimits socketLimits = SocketLimits.from(config());
    sockets = new SessionSocket(vertx, bus, auth, clock, settings.wsPingMs(), socketLimits, socketAdmission);
    Router router = routes(settings, bus, apiKeys, auth, adminAuth, clock);
    return vertx.createHttpServer(new HttpServerOptions()
            .setMaxWebSocketFrameSize(socketLimits.maxFrameBytes())
            .setMaxWebSocketMessageSize(socketLimits.maxFrameBytes()))
        .requestHandler(router)
        .listen(settings.port(), settings.host())
        .onSuccess(s -> {
          server = s;
          LOG.info("HTTP API listening on {}:{}{}", settings.host(), s.actualPort(),
              settings.lab() ? " (lab endpoints on)" : "");
        });
  }

  private Router routes(HttpSettings settings, BusClient bus, ApiKeys apiKeys, BearerAuth auth, AdminAuth adminAuth,
                        Clock clock) {
    NumbersHandler numbers = new NumbersHandler(bus);
    RentalsHandler rentals = new RentalsHandler(bus, clock, Duration.ofSeconds(settings.wsTokenSeconds()));
    MessagesHandler messages = new MessagesHandler(bus);

    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> health(bus, ctx));
    router.get("/ws/connect").handler(sockets);
    bridge = new BrowserBridge(vertx, bus, apiKeys, settings.adminKeys(), clock, socketAdmission);
    router.route(BrowserBridge.PATH + "/*").subRouter(bridge.router());
    // authentication first (its own route: vertx-web wants body handlers first on a route), so that
    // unauthenticated callers get their 401 without the server buffering their bodies; the admin API
    // takes admin keys only, the rest of the API takes API keys only
    adminRoutes(router, adminAuth, new AdminHandler(bus));
    router.routeWithRegex(NOT_ADMIN).handler(auth);
    router.routeWithRegex(NOT_ADMIN).handler(BodyHandler.create(false).setBodyLimit(RequestFields.BODY_LIMIT_BYTES));
    router.get("/api/numbers").handler(numbers::list);
    router.post("/api/rent").handler(rentals::rent);
    router.post("/api/extend").handler(rentals::extend);
    router.post("/api/release").handler(rentals::release);
    router.post("/api/ws-token").handler(rentals::wsToken);
    router.get("/api/messages").handler(messages::list);
    if (settings.lab()) {
      router.post("/api/lab/sms").handler(new LabHandler(bus)::inject);
    }
    // the web page and the admin page (static files; the vendor scripts come from npm at build time)
    router.get("/ui-config.json").handler(ctx -> ctx.response().putHeader("Cache-Control", "no-store")
        .putHeader("Content-Type", "application/json").end(new JsonObject().put("lab", settings.lab()).encode()));
    router.get().handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", PAGE_POLICY).putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    router.get().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIncludeHidden(false));
    Problems.install(router);
    return router;
  }

  private static void adminRoutes(Router router, AdminAuth adminAuth, AdminHandler admin) {
    router.route(ADMIN).handler(adminAuth);
    router.route(ADMIN).handler(BodyHandler.create(false).setBodyLimit(AdminHandler.IMPORT_LIMIT_BYTES));
    router.route(ADMIN).failureHandler(ctx -> {
      int status = ctx.failure() instanceof HttpException he ? he.getStatusCode() : ctx.statusCode();
      if (status == 413) {
        Problems.send(ctx, Problem.payloadTooLarge("the file exceeds the limit of " + AdminHandler.IMPORT_LIMIT_BYTES
            + " bytes"));
      } else {
        ctx.next();
      }
    });
    router.get("/api/admin/numbers/:" + AdminHandler.NUMBER_PARAM + "/history").handler(admin::history);
    router.post("/api/admin/numbers/import").handler(admin::importNumbers);
  }

  /**
   * Readiness: UP (200) when a router answers that the store serves, else DOWN (503) saying why: PostgreSQL
   * unreachable, or no router running on any node.
   */
  private static void health(BusClient bus, RoutingContext ctx) {
    bus.<StoreHealth>request(Addresses.STORE_HEALTH,
            new StoreHealth(null, false, null))
        .onSuccess(store -> ctx.response().setStatusCode(store.problem() == null ? 200 : 503)
            .putHeader("Cache-Control", "no-store").end(ApiJson.health(store).encode()))
        .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Cache-Control", "no-store")
            .end(ApiJson.healthUnknown(Failure.detail(e)).encode()));
  }

  /** How many sessions have a relay to bridged browsers on this verticle (tests). */
  public int bridgedSessions() {
    return bridge == null ? 0 : bridge.relayCount();
  }

  /** How many session WebSockets are open on this verticle (tests of the memory bound). */
  public int openSessionSockets() {
    return sockets == null ? 0 : sockets.openCount();
  }

  /** The port the server listens on (the chosen one when the configuration asked for 0); -1 before start. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    return sockets.closeAll().eventually(() -> server.close());
  }
}
