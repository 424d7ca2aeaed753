package dev.inlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.http.ApiKeys;
import dev.inlet.http.HttpVerticle;
import dev.inlet.pool.PoolVerticle;
import dev.inlet.router.RouterVerticle;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.config.InletConfig;
import dev.inlet.shared.config.Role;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The real pool, router and HTTP verticles in one Vert.x, configured as a node configures them
 * ({@link InletConfig#forRole}) on the in-memory store they all share, and a client of the API.
 * Messages come in as a source hands them over: an {@link InboundSms} through {@link SmsIngest}.
 */
final class ApiStack {

  static final String KEY = "alice-key-0123456789";
  static final String OTHER_KEY = "bob-key-9876543210";
  static final String ADMIN_KEY = "admin-key-5555555555";
  /** The owner id the pool records for {@link #KEY}. */
  static final String OWNER = ApiKeys.ownerId(KEY);

  static final String US_1 = "+12125550100";
  static final String US_2 = "+12125550101";
  static final String GB_1 = "+447700900000";

  static final int RENTAL_SECONDS = 600;
  static final int MAX_RENTAL_SECONDS = 3600;
  static final int COOLDOWN_SECONDS = 600;
  static final int GRACE_SECONDS = 5;

  final Vertx vertx;
  final HttpVerticle http;
  final WebClient client;
  private final SmsIngest ingest;

  private ApiStack(Vertx vertx, HttpVerticle http) {
    this.vertx = vertx;
    this.http = http;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(http.actualPort()));
    this.ingest = new SmsIngest(vertx.eventBus(), 5000);
  }

  /** A node's configuration (as loaded and validated) with three numbers, in lab mode, on the in-memory store. */
  static JsonObject nodeConfig() {
    return new JsonObject()
        .put("mode", "lab")
        .put("storage", new JsonObject().put("kind", "memory"))
        .put("retention", new JsonObject().put("hours", 24).put("purgeIntervalMs", 60_000))
        .put("pool", new JsonObject()
            .put("numbers", new JsonArray()
                .add(number(US_1, "US")).add(number(US_2, "US")).add(number(GB_1, "GB")))
            .put("rentalSeconds", RENTAL_SECONDS)
            .put("maxRentalSeconds", MAX_RENTAL_SECONDS)
            .put("cooldownSeconds", COOLDOWN_SECONDS)
            .put("graceSeconds", GRACE_SECONDS)
            .put("wsTokenSeconds", 60)
            .put("sweepIntervalMs", 200))
        .put("router", new JsonObject().put("dedupWindowSeconds", 600))
        // far above what a test does: the limits have tests of their own (LimitsApiTest) with the product's defaults
        .put("limits", new JsonObject().put("rentalsPerHour", 1000).put("requestsPerSecond", 10_000)
            .put("concurrentRentals", 1000).put("webSocketsPerKey", 1000).put("webSocketsPerSession", 1000))
        .put("http", new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put("apiKeys", new JsonArray().add(KEY).add(OTHER_KEY))
            .put("adminKeys", new JsonArray().add(ADMIN_KEY))
            .put("requestTimeoutMs", 5000));
  }

  private static JsonObject number(String number, String country) {
    return new JsonObject().put("number", number).put("country", country).put("capabilities", new JsonArray().add("sms"));
  }

  static Future<ApiStack> start(Vertx vertx) {
    return start(vertx, conf -> { });
  }

  /** Starts the stack on a node configuration changed by {@code tweak}, in the node's order: pool, router, HTTP. */
  static Future<ApiStack> start(Vertx vertx, Consumer<JsonObject> tweak) {
    JsonObject node = nodeConfig();
    tweak.accept(node);
    HttpVerticle http = new HttpVerticle();
    return vertx.deployVerticle(new PoolVerticle(), options(node, Role.POOL))
        .compose(id -> vertx.deployVerticle(new RouterVerticle(), options(node, Role.ROUTER)))
        .compose(id -> vertx.deployVerticle(http, options(node, Role.HTTP)))
        .map(id -> new ApiStack(vertx, http));
  }

  private static DeploymentOptions options(JsonObject node, Role role) {
    return new DeploymentOptions().setConfig(InletConfig.forRole(node, role));
  }

  // ---- requests ---------------------------------------------------------------------------

  static <T> HttpRequest<T> withKey(HttpRequest<T> request, String key) {
    return request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + key);
  }

  HttpRequest<Buffer> get(String uri) {
    return withKey(client.get(uri), KEY);
  }

  HttpRequest<Buffer> post(String uri) {
    return withKey(client.post(uri), KEY);
  }

  HttpRequest<Buffer> adminGet(String uri) {
    return withKey(client.get(uri), ADMIN_KEY);
  }

  HttpRequest<Buffer> adminPost(String uri) {
    return withKey(client.post(uri), ADMIN_KEY);
  }

  /** Rents the number as alice; fails unless the API answers 200. */
  Future<JsonObject> rent(String number) {
    return ok(post("/api/rent").sendJsonObject(new JsonObject().put("number", number)));
  }

  Future<HttpResponse<Buffer>> release(String sessionId) {
    return post("/api/release").sendJsonObject(new JsonObject().put("session_id", sessionId));
  }

  /** The session's messages page; fails unless the API answers 200. */
  Future<JsonObject> messages(String query) {
    return ok(get("/api/messages?" + query).send());
  }

  /** The body of a 200 response; any other status fails with the response in the message. */
  static Future<JsonObject> ok(Future<HttpResponse<Buffer>> response) {
    return response.compose(r -> r.statusCode() == 200
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture(new AssertionError("expected 200, got " + r.statusCode() + ": " + r.bodyAsString())));
  }

  // ---- messages in --------------------------------------------------------------------------

  /** A message as a source hands it in, received now, with the source's own timestamp {@code sentAt} (may be null). */
  static InboundSms sms(String to, String from, String text, Instant sentAt) {
    String id = UUID.randomUUID().toString();
    return new InboundSms(id, to, from, text, Instant.now(), "test", "1", "test:" + id, sentAt);
  }

  /** Hands a message to the routers exactly as the SMPP verticle does; completes once it is stored. */
  Future<SmsReceipt> deliver(InboundSms sms) {
    return ingest.route(sms);
  }

  Future<SmsReceipt> deliver(String to, String from, String text) {
    return deliver(sms(to, from, text, null));
  }

  // ---- checks ------------------------------------------------------------------------------

  /** Checks that the response is the problem document of this status and type, and answers its detail. */
  static String assertProblem(HttpResponse<Buffer> response, int status, String slug, String path) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("https://inlet.dev/problems/" + slug);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("instance")).isEqualTo(path);
    assertThat(problem.getString("detail")).isNotBlank();
    return problem.getString("detail");
  }

  WebSocketConnectOptions socket(String query) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(http.actualPort())
        .setURI("/ws/connect?" + query);
  }

  WebSocketConnectOptions socketWithKey(String sessionId) {
    return socket("session_id=" + sessionId).addHeader("Authorization", "Bearer " + KEY);
  }
}
