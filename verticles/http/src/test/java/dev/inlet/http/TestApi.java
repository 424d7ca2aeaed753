package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Starts the HTTP verticle alone (no pool, no router behind it) on a free port of 127.0.0.1 and talks to it
 * like a client: for what the HTTP edge decides by itself (authentication, validation, routing, failures).
 * What needs the pool or the router is tested against the real verticles in the tests module (dev.inlet.api).
 */
final class TestApi {

  static final String KEY = "alice-key-0123456789";
  static final String OTHER_KEY = "bob-key-9876543210";
  static final String ADMIN_KEY = "admin-key-5555555555";
  static final String OWNER = ApiKeys.ownerId(KEY);

  final HttpVerticle verticle;
  final WebClient client;

  private TestApi(HttpVerticle verticle, WebClient client) {
    this.verticle = verticle;
    this.client = client;
  }

  static JsonObject config(String mode) {
    return new JsonObject()
        .put("mode", mode)
        .put("host", "127.0.0.1")
        .put("port", 0)
        .put("apiKeys", new JsonArray().add(KEY).add(OTHER_KEY))
        .put("adminKeys", new JsonArray().add(ADMIN_KEY))
        .put("requestTimeoutMs", 2000);
  }

  static Future<TestApi> start(Vertx vertx) {
    return start(vertx, config("lab"));
  }

  static Future<TestApi> start(Vertx vertx, JsonObject config) {
    HttpVerticle verticle = new HttpVerticle();
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
        .map(id -> new TestApi(verticle, WebClient.create(vertx, new WebClientOptions()
            .setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()))));
  }

  static <T> HttpRequest<T> withKey(HttpRequest<T> request, String key) {
    return request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + key);
  }

  HttpRequest<Buffer> get(String uri) {
    return withKey(client.get(uri), KEY);
  }

  HttpRequest<Buffer> post(String uri) {
    return withKey(client.post(uri), KEY);
  }

  HttpRequest<Buffer> admin(HttpRequest<Buffer> request) {
    return withKey(request, ADMIN_KEY);
  }

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
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(verticle.actualPort())
        .setURI("/ws/connect?" + query);
  }
}
