package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.limits.Counters;
import dev.inlet.shared.limits.RateCounters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of Inlet: the REST API and the session WebSocket, as a thin adapter onto the event bus. The routes
 * are those of the OpenAPI document ({@value #OPENAPI_RESOURCE}, served at {@code /api/openapi.yaml}), built by
 * vertx-web-openapi-router, which validates every request against it; each call becomes one or two bus requests,
 * whose failures become problem+json responses. Before validation, every request passes the {@link Gatekeeper}
 * (query string, authentication, limits), the body handler and {@link StrictJson}.
 * Configuration: the "http" section (host, port, apiKeys, adminKeys, wsTokenSeconds, requestTimeoutMs, wsPingMs,
 * headerTimeoutMs, idleTimeoutSeconds, authFailuresPerMinute), the "limits" section, "storage" (where the limit
 * counters live) and "mode"; the lab endpoint answers in lab mode only. {@code /api/admin/*} takes admin keys only.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  static final String OPENAPI_RESOURCE = "openapi.yaml";
  private static final String RAW_PLUS_NUMBER = "/api/admin/numbers/+";

  /** The pages load scripts from this node only, and talk to it only. */
  private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** Paths of the static pages: anything outside the API. */
  private static final String PAGES = "/(?!api(?:/|$)|ws/|eventbus(?:/|$)).*";

  private HttpServer server;
  private Router router;
  private BrowserBridge bridge;
  private SessionSocket sockets;
  private RateCounters counters;
  private StatusBoard binds;
  private StatusBoard modems;

  @Override
  public Future<?> start() {
    HttpSettings settings = HttpSettings.from(config());
    MessageCodecs.register(vertx);
    BusClient bus = new BusClient(vertx.eventBus(), settings.requestTimeoutMs());
    ApiKeys apiKeys = settings.apiKeys();
    BearerAuth auth = new BearerAuth(apiKeys);
    AdminAuth adminAuth = new AdminAuth(settings.adminKeys(), apiKeys);
    Clock clock = Clock.systemUTC();
    counters = Counters.open(vertx, config());
    AbuseLimits limits = new AbuseLimits(counters, clock, settings.authFailures(),
        Duration.ofMillis(settings.requestTimeoutMs()).plusSeconds(5));
    SocketQuota socketQuota = new SocketQuota(vertx, counters, apiKeys, clock);
    SocketLimits socketLimits = SocketLimits.from(config());
    sockets = new SessionSocket(vertx, bus, auth, clock, settings.wsPingMs(), socketLimits, socketQuota);
    bridge = new BrowserBridge(vertx, bus, apiKeys, settings.adminKeys(), clock, socketQuota);
    binds = new StatusBoard(clock);
    modems = new StatusBoard(clock);
    HttpMeters.of(vertx);
    Buffer document = document();
    return Future.all(binds.listen(vertx.eventBus(), Addresses.STATUS_BINDS),
            modems.listen(vertx.eventBus(), Addresses.STATUS_MODEMS))
        .compose(v -> OpenAPIContract.from(vertx, OPENAPI_RESOURCE))
        .map(contract -> routes(contract, document, settings, bus, auth, adminAuth, apiKeys, limits, clock))
        .compose(router -> {
          HeaderDeadline deadline = new HeaderDeadline(vertx, settings.headerTimeoutMs());
          return vertx.createHttpServer(serverOptions(settings)
                  .setMaxWebSocketFrameSize(socketLimits.maxFrameBytes())
                  .setMaxWebSocketMessageSize(socketLimits.maxFrameBytes()))
              .connectionHandler(deadline::opened)
              .invalidRequestHandler(InvalidRequests::answer)
              .requestHandler(request -> {
                deadline.headReceived(request);
                router.handle(request);
              })
              .listen(settings.port(), settings.host());
        })
        .onSuccess(s -> {
          server = s;
          LOG.info("HTTP API listening on {}:{}{}", settings.host(), s.actualPort(),
              settings.lab() ? " (lab endpoints on)" : "");
        });
  }

  private static HttpServerOptions serverOptions(HttpSettings settings) {
    return new HttpServerOptions()
        // no h2c upgrade detection: it holds a connection's bytes until the head is whole, out of the deadline's sight
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setMaxInitialLineLength(InvalidRequests.MAX_INITIAL_LINE)
        .setMaxHeaderSize(InvalidRequests.MAX_HEADER_SIZE)
        .setMaxFormAttributeSize(RequestFields.BODY_LIMIT_BYTES);
  }

  private Router routes(OpenAPIContract contract, Buffer document, HttpSettings settings, BusClient bus,
                        BearerAuth auth, AdminAuth adminAuth, ApiKeys apiKeys, AbuseLimits limits, Clock clock) {
    NumbersHandler numbers = new NumbersHandler(bus);
    RentalsHandler rentals = new RentalsHandler(bus, clock, Duration.ofSeconds(settings.wsTokenSeconds()), limits,
        apiKeys);
    MessagesHandler messages = new MessagesHandler(bus);
    MessageWait wait = new MessageWait(vertx, bus);
    AdminHandler admin = new AdminHandler(bus, clock, binds, modems, apiKeys);
    LabHandler lab = new LabHandler(bus);
    HttpMeters meters = HttpMeters.of(vertx);
    Handler<RoutingContext> ready = Readiness.handler(vertx, bus, counters, binds, modems);
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(meters.registry());
    BodyHandler apiBody = BodyHandler.create(false).setBodyLimit(RequestFields.BODY_LIMIT_BYTES);
    BodyHandler adminBody = BodyHandler.create(false).setBodyLimit(AdminHandler.IMPORT_LIMIT_BYTES);
    StrictJson strictJson = new StrictJson();

    RouterBuilder builder = RouterBuilder.create(vertx, contract,
        new TextQueryExtractor(RequestExtractor.withBodyHandler()));
    builder.rootHandler(ctx -> {
      String path = ctx.request().path();
      if (path.startsWith(RAW_PLUS_NUMBER)) {
        // a number written with a raw + would reach the validator as a JSON number: route it as %2B, as documented
        String query = ctx.request().query();
        ctx.reroute(ctx.request().method(), "/api/admin/numbers/%2B" + path.substring(RAW_PLUS_NUMBER.length())
            + (query == null ? "" : "?" + query));
        return;
      }
      ctx.put(ValidationDetail.CONTRACT, contract);
      ctx.next();
    });
    builder.rootHandler(new Gatekeeper(auth, adminAuth, apiKeys, limits));
    builder.rootHandler(ctx -> {
      String path = ctx.request().path();
      if (!Gatekeeper.isApi(path)) {
        ctx.next();
      } else if (path.startsWith("/api/admin/")) {
        adminBody.handle(ctx);
      } else {
        apiBody.handle(ctx);
      }
    });
    builder.rootHandler(ctx -> {
      if (Gatekeeper.isApi(ctx.request().path())) {
        strictJson.handle(ctx);
      } else {
        ctx.next();
      }
    });
    Map<String, Handler<RoutingContext>> handlers = Map.ofEntries(
        Map.entry("liveness", ctx -> ctx.response().putHeader("Cache-Control", "no-store")
            .putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}")),
        Map.entry("readiness", ctx -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          ready.handle(ctx);
        }),
        Map.entry("metrics", scrape),
        Map.entry("openApiDocument", ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
            .end(document)),
        Map.entry("sessionWebSocket", sockets),
        Map.entry("listNumbers", numbers::list),
        Map.entry("rent", rentals::rent),
        Map.entry("extend", rentals::extend),
        Map.entry("release", rentals::release),
        Map.entry("wsToken", rentals::wsToken),
        Map.entry("sessionInfo", rentals::session),
        Map.entry("listMessages", messages::list),
        Map.entry("waitForMessage", wait::handle),
        Map.entry("labSms", ctx -> {
          if (!settings.lab()) {
            throw Problem.notFound("no resource at POST /api/lab/sms: the lab endpoints exist in lab mode only")
                .exception();
          }
          lab.inject(ctx);
        }),
        Map.entry("adminNumbers", admin::numbers),
        Map.entry("importNumbers", admin::importNumbers),
        Map.entry("numberHistory", admin::history),
        Map.entry("quarantineNumber", admin::quarantine),
        Map.entry("returnNumber", admin::returnNumber),
        Map.entry("blockNumber", ctx -> admin.blocklist(ctx, true)),
        Map.entry("unblockNumber", ctx -> admin.blocklist(ctx, false)),
        Map.entry("adminBinds", admin::binds),
        Map.entry("adminModems", admin::modems),
        Map.entry("adminKeys", admin::keys));
    for (OpenAPIRoute route : builder.getRoutes()) {
      String operation = route.getOperation().getOperationId();
      Handler<RoutingContext> handler = handlers.get(operation);
      if (handler == null) {
        throw new IllegalStateException("the OpenAPI document has an operation without a handler: " + operation);
      }
      route.setDoSecurity(false);
      if (operation.equals("importNumbers") || operation.equals("sessionWebSocket")) {
        // text/csv cannot be declared to the router; the validator reads the request, which an upgrade must not
        route.setDoValidation(false);
      }
      route.addHandler(handler);
    }
    router = builder.createRouter();
    // the SockJS bridge of the pages, and the pages themselves (static files; vendor scripts from npm at build time)
    router.route(BrowserBridge.PATH + "/*").subRouter(bridge.router());
    router.get("/ui-config.json").handler(ctx -> ctx.response().putHeader("Cache-Control", "no-store")
        .putHeader("Content-Type", "application/json")
        .end(new io.vertx.core.json.JsonObject().put("lab", settings.lab()).encode()));
    // not under /api: a wrong method on an API path stays a 405
    router.getWithRegex(PAGES).handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", PAGE_POLICY).putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    router.getWithRegex(PAGES).handler(io.vertx.ext.web.handler.StaticHandler.create("webroot")
        .setCachingEnabled(false).setIncludeHidden(false));
    Problems.install(router);
    return router;
  }

  private static Buffer document() {
    try (InputStream in = HttpVerticle.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + OPENAPI_RESOURCE, e);
    }
  }

  /** The routes served (for the test that checks them against the document). */
  Router router() {
    return router;
  }

  /** How many sessions have a relay to bridged browsers on this verticle (tests). */
  public int bridgedSessions() {
    return bridge == null ? 0 : bridge.relayCount();
  }

  /** Completes once the number of bridged sessions meets {@code condition} (tests: await it instead of polling). */
  public Future<Void> whenBridgedSessions(IntPredicate condition) {
    return onContext(() -> bridge.relayWaiters.when(condition));
  }

  /** How many browser registrations the bridge completed on this verticle (tests). */
  public int browserRegistrations() {
    return bridge == null ? 0 : bridge.registeredCount();
  }

  /**
   * Completes once the number of completed browser registrations meets {@code condition}: the bridge answers nothing
   * to a granted registration, so this is how a test knows the browser is listening.
   */
  public Future<Void> whenBrowserRegistrations(IntPredicate condition) {
    return onContext(() -> bridge.registeredWaiters.when(condition));
  }

  /** Completes once the number of open session WebSockets meets {@code condition} (tests). */
  public Future<Void> whenOpenSessionSockets(IntPredicate condition) {
    return onContext(() -> sockets.openWaiters.when(condition));
  }

  private Future<Void> onContext(Supplier<Future<Void>> wait) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> wait.get().onComplete(promise));
    return promise.future();
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
    Future<Void> boards = Future.join(binds.close(), modems.close()).mapEmpty();
    if (server == null) {
      return boards.eventually(() -> counters.close());
    }
    return sockets.closeAll().eventually(() -> server.close()).eventually(() -> boards)
        .eventually(() -> counters.close());
  }
}
