package dev.inlet.api;

import static dev.inlet.api.ApiStack.GB_1;
import static dev.inlet.api.ApiStack.US_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /api/messages/wait}: the first matching message after the cursor, waited for on the bus. */
class WaitApiTest extends ApiStackTest {

  @Test
  @DisplayName("a wait answers at once with a matching message already in the inbox after the cursor")
  void alreadyThere() {
    String session = api.rent(US_1).await().getString("session_id");
    api.deliver(US_1, "Bank", "first 111111").await();
    api.deliver(US_1, "Google", "G-222222 is your code").await();
    JsonObject message = ApiStack.ok(api.get("/api/messages/wait?session_id=" + session + "&from=google&timeout=5")
        .send()).await();
    assertThat(message.getString("from")).isEqualTo("Google");
    assertThat(message.getString("code")).isEqualTo("222222");
  }

  @Test
  @DisplayName("a wait filters by an international or short-code sender and by digits, values that read as JSON numbers")
  void numericFilters() {
    String session = api.rent(US_1).await().getString("session_id");
    api.deliver(US_1, "+447700900123", "Your code is 123456").await();
    api.deliver(US_1, "32665", "Facebook code 654321").await();
    JsonObject international = ApiStack.ok(api.get("/api/messages/wait?session_id=" + session
        + "&from=%2B447700900123&contains=123456&timeout=5").send()).await();
    JsonObject shortCode = ApiStack.ok(api.get("/api/messages/wait?session_id=" + session
        + "&from=32665&contains=654321&timeout=5").send()).await();
    assertThat(international.getString("text")).isEqualTo("Your code is 123456");
    assertThat(shortCode.getString("text")).isEqualTo("Facebook code 654321");
  }

  @Test
  @DisplayName("a wait answers the message that arrives while it waits, and skips those that do not match")
  void arrivesWhileWaiting() {
    String session = api.rent(US_1).await().getString("session_id");
    Future<HttpResponse<Buffer>> waiting = api.get("/api/messages/wait?session_id=" + session
        + "&contains=your%20CODE&timeout=20").send();
    // the wait subscribes before it reads the inbox: whatever the timing, the matching message is found
    api.deliver(US_1, "Shop", "hello").await();
    api.deliver(US_1, "Shop", "Your code is 424242").await();
    JsonObject message = ApiStack.ok(waiting).await();
    assertThat(message.getString("text")).isEqualTo("Your code is 424242");
  }

  @Test
  @DisplayName("a wait takes only messages after the cursor")
  void afterCursor() {
    String session = api.rent(US_1).await().getString("session_id");
    api.deliver(US_1, "Shop", "code 111111").await();
    String cursor = api.messages("session_id=" + session).await().getString("next_after");
    api.deliver(US_1, "Shop", "code 222222").await();
    JsonObject message = ApiStack.ok(api.get("/api/messages/wait?session_id=" + session + "&after=" + cursor
        + "&timeout=5").send()).await();
    assertThat(message.getString("code")).isEqualTo("222222");
  }

  @Test
  @DisplayName("a wait that times out is a 408 problem listing what did arrive")
  void timesOut() {
    String session = api.rent(US_1).await().getString("session_id");
    api.deliver(US_1, "Shop", "not it").await();
    HttpResponse<Buffer> response = api.get("/api/messages/wait?session_id=" + session + "&from=Bank&timeout=1")
        .send().await();
    String detail = ApiStack.assertProblem(response, 408, "wait-timeout", "/api/messages/wait");
    assertThat(detail).contains("from Bank", "1 s", "1 other message");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("arrived_count")).isEqualTo(1);
    assertThat(problem.getJsonArray("arrived").getJsonObject(0).getString("text")).isEqualTo("not it");
  }

  @Test
  @DisplayName("another key's session cannot be waited on: 404 as an unknown one")
  void othersSession() {
    String session = api.rent(US_1).await().getString("session_id");
    HttpResponse<Buffer> response = ApiStack.withKey(api.client.get("/api/messages/wait?session_id=" + session
        + "&timeout=1"), ApiStack.OTHER_KEY).send().await();
    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("compact=true lists each message as id, from, code and received_at only")
  void compactListing() {
    String session = api.rent(US_1).await().getString("session_id");
    api.deliver(US_1, "Google", "G-123456 is your code").await();
    JsonObject page = api.messages("session_id=" + session + "&compact=true").await();
    JsonObject message = page.getJsonArray("messages").getJsonObject(0);
    assertThat(message.fieldNames()).containsExactlyInAnyOrder("id", "from", "code", "received_at");
    assertThat(message.getString("code")).isEqualTo("123456");
  }

  @Test
  @DisplayName("session info answers the caller's session, active, with its number and expiry; another key gets 404")
  void sessionInfo() {
    JsonObject rental = api.rent(US_1).await();
    String session = rental.getString("session_id");
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response = api.get("/api/sessions/" + session)
        .send().await();
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject info = ApiStack.ok(Future.succeededFuture(response)).await();
    assertThat(info.getString("number")).isEqualTo(US_1);
    assertThat(info.getBoolean("active")).isTrue();
    assertThat(info.getString("expires_at")).isEqualTo(rental.getString("expires_at"));
    assertThat(ApiStack.withKey(api.client.get("/api/sessions/" + session), ApiStack.OTHER_KEY).send().await()
        .statusCode()).isEqualTo(404);
    api.release(session).await();
    assertThat(ApiStack.ok(api.get("/api/sessions/" + session).send()).await().getString("end_reason"))
        .isEqualTo("RELEASED");
  }
}
