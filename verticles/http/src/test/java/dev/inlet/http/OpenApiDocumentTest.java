package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the served routes against the OpenAPI document, both ways: every operation of the document is routed (no 404
 * route-not-found, no 405) and answers only statuses it documents (or its default, a problem), and every route of the
 * router is an operation of the document (but the pages, their settings and their SockJS bridge).
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

  private TestApi api;
  private Map<String, Map<String, Map<String, Object>>> paths;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void start(Vertx vertx) {
    api = TestApi.start(vertx, TestApi.config("lab").put("requestTimeoutMs", 300)).await();
    HttpResponse<Buffer> document = api.client.get("/api/openapi.yaml").send().await();
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.getHeader("Content-Type")).isEqualTo("application/yaml");
    Map<String, Object> doc = new Yaml().load(document.bodyAsString());
    assertThat(doc.get("openapi").toString()).startsWith("3.");
    paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
  }

  @Test
  @DisplayName("every operation of the document is served, answering a status it documents (or a problem as its default)")
  void everyOperationIsServed() {
    List<String> checked = new ArrayList<>();
    paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
      if (path.equals("/ws/connect")) {
        return; // an upgrade: the WebSocket tests drive it
      }
      String uri = path.replace("{number}", "%2B12125550100").replace("{service}", "google")
          .replace("{session_id}", "s-1");
      if (path.equals("/api/messages") || path.equals("/api/messages/wait")) {
        uri += "?session_id=s-1&timeout=1";
      }
      HttpRequest<Buffer> request = api.client.request(HttpMethod.valueOf(method.toUpperCase()), uri);
      String key = path.startsWith("/api/admin/") ? TestApi.ADMIN_KEY : TestApi.KEY;
      HttpResponse<Buffer> response = TestApi.withKey(request, key)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(method.equals("get") || method.equals("delete") ? "" : body(path))).await();
      @SuppressWarnings("unchecked")
      Set<String> documented = ((Map<String, Object>) operation.get("responses")).keySet();
      String status = String.valueOf(response.statusCode());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.bodyAsString()).isNotIn(405);
      if (response.statusCode() == 404) {
        assertThat(response.bodyAsJsonObject().getString("type")).as(method + " " + path)
            .isNotEqualTo(Problem.TYPE_BASE + "not-found");
      }
      assertThat(documented.contains(status) || (documented.contains("default") && response.statusCode() >= 400))
          .as(method + " " + path + " answered " + status + ", documented " + documented).isTrue();
      if (response.statusCode() >= 400 && !documented.contains(status)) {
        assertThat(response.getHeader("Content-Type")).as(method + " " + path).isEqualTo(Problem.MEDIA_TYPE);
      }
      checked.add(method + " " + path);
    }));
    assertThat(checked).hasSizeGreaterThan(20);
  }

  @Test
  @DisplayName("every route of the router is an operation of the document")
  void everyRouteIsDocumented() {
    Set<String> documented = new HashSet<>();
    paths.forEach((path, operations) -> operations.keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));
    List<String> routed = new ArrayList<>();
    for (Route route : api.verticle.router().getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.isRegexPath()) {
        continue; // root handlers (all requests), failure handlers, the static pages
      }
      if (route.getPath().startsWith(BrowserBridge.PATH) || route.getPath().equals("/ui-config.json")) {
        continue; // the pages' SockJS bridge and their settings: not the API
      }
      String path = route.getPath().replaceAll(":([A-Za-z_]+)", "{$1}");
      route.methods().forEach(m -> routed.add(m.name() + " " + path));
    }
    assertThat(routed).isNotEmpty().allSatisfy(r -> assertThat(documented).contains(r));
  }

  private static String body(String path) {
    return switch (path) {
      case "/api/rent" -> "{\"country\":\"US\"}";
      case "/api/extend" -> "{\"session_id\":\"s-1\",\"seconds\":60}";
      case "/api/lab/sms" -> "{\"to\":\"+12125550100\",\"from\":\"x\",\"text\":\"y\"}";
      case "/api/admin/numbers/import" -> "[{\"number\":\"+12125550199\",\"country\":\"US\"}]";
      case "/api/admin/numbers/{number}/quarantine", "/api/admin/numbers/{number}/blocklist/{service}" -> "{}";
      default -> "{\"session_id\":\"s-1\"}";
    };
  }
}
