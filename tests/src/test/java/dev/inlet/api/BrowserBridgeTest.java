package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.US_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SockJS event-bus bridge at {@code /eventbus}, tried as a browser and as an attacker: a browser hears its own
 * session's feed only, and nothing it sends reaches the bus.
 */
class BrowserBridgeTest extends ApiStackTest {

  private Vertx vertx;
  private BridgeClient browser;

  private static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 10 s", e);
    }
  }

  private BridgeClient browser() {
    vertx = api.vertx;
    browser = await(BridgeClient.connect(vertx, api.http.actualPort()));
    return browser;
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private JsonObject rentAs(String key, String number) {
    return await(ApiStack.ok(ApiStack.withKey(api.client.post("/api/rent"), key)
        .sendJsonObject(new JsonObject().put("number", number))));
  }

  /** Registers and waits until the relay is up (a refused registration answers an err frame instead). */
  private void registerAndAwait(BridgeClient b, String address, JsonObject headers, int relays) throws Exception {
    int before = api.http.browserRegistrations();
    b.register(address, headers);
    // the bridge answers nothing to a granted registration: await the node's count of completed ones
    api.http.whenBrowserRegistrations(n -> n > before).await(5, TimeUnit.SECONDS);
    assertThat(api.http.bridgedSessions()).as("relays on the node").isEqualTo(relays);
  }

  private static void assertRefused(JsonObject frame, String address) {
    assertThat(frame).as("answer to " + address).isNotNull();
    assertThat(frame.getString("type")).isEqualTo("err");
    // "rejected": the node's check said no; "access_denied": the bridge's permitted addresses did
    assertThat(frame.getString("body")).isIn("rejected", "access_denied");
  }

  @Test
  @DisplayName("a browser registered on its session's feed with the rental's token receives the SMS verbatim")
  void tokenRegistration() throws Exception {
    JsonObject rental = await(api.rent(US_1));
    String feed = Addresses.sessionFeed(rental.getString("session_id"));
    registerAndAwait(browser(), feed, BridgeClient.headers("token", rental.getString("ws_token")), 1);
    await(api.deliver(US_1, "+447700900123", "  Your code is 837261  "));
    JsonObject frame = browser.nextFrame(5);
    assertThat(frame.getString("type")).isEqualTo("rec");
    assertThat(frame.getString("address")).isEqualTo(feed);
    JsonObject body = frame.getJsonObject("body");
    assertThat(body.getString("type")).isEqualTo("sms");
    assertThat(body.getJsonObject("message").getString("text")).isEqualTo("  Your code is 837261  ");
    assertThat(body.getJsonObject("message").getString("from")).isEqualTo("+447700900123");
    assertThat(body.getJsonObject("message").getString("code")).isEqualTo("837261");
  }

  @Test
  @DisplayName("a browser registered with the API key that rented the session hears its release")
  void keyRegistrationAndEnd() throws Exception {
    JsonObject rental = await(api.rent(US_1));
    registerAndAwait(browser(), Addresses.sessionFeed(rental.getString("session_id")),
        BridgeClient.headers("apiKey", ApiStack.KEY), 1);
    await(api.release(rental.getString("session_id")));
    JsonObject body = browser.nextFrame(5).getJsonObject("body");
    assertThat(body.getString("type")).isEqualTo("ended");
    assertThat(body.getString("reason")).isEqualTo("RELEASED");
  }

  @Test
  @DisplayName("registering on another key's session is refused, and none of its messages reach the browser")
  void anotherSession() throws Exception {
    JsonObject bobs = rentAs(ApiStack.OTHER_KEY, US_2);
    JsonObject mine = await(api.rent(US_1));
    BridgeClient b = browser();
    String bobsFeed = Addresses.sessionFeed(bobs.getString("session_id"));
    b.register(bobsFeed, BridgeClient.headers("apiKey", ApiStack.KEY));
    assertRefused(b.nextFrame(5), bobsFeed);
    // alice's token is a token of another session: refused too, and not used up
    b.register(bobsFeed, BridgeClient.headers("token", mine.getString("ws_token")));
    assertRefused(b.nextFrame(5), bobsFeed);
    registerAndAwait(b, Addresses.sessionFeed(mine.getString("session_id")),
        BridgeClient.headers("token", mine.getString("ws_token")), 1);
    await(api.deliver(US_2, "Bank", "for bob 1111"));
    await(api.deliver(US_1, "Bank", "for alice 2222"));
    // had bob's message leaked, it would have come first
    assertThat(b.nextFrame(5).getJsonObject("body").getJsonObject("message").getString("text"))
        .isEqualTo("for alice 2222");
  }

  @Test
  @DisplayName("guessed session ids are refused, with a token or a key")
  void guessedIds() throws Exception {
    JsonObject mine = await(api.rent(US_1));
    BridgeClient b = browser();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      String feed = Addresses.sessionFeed(Base64.getUrlEncoder().withoutPadding().encodeToString(id));
      b.register(feed, i % 2 == 0 ? BridgeClient.headers("token", mine.getString("ws_token"))
          : BridgeClient.headers("apiKey", ApiStack.KEY));
      assertRefused(b.nextFrame(5), feed);
    }
    assertThat(api.http.bridgedSessions()).isZero();
  }

  @Test
  @DisplayName("registering on internal addresses (inlet.pool.*, inlet.number.*) is refused, even with a valid key")
  void internalAddresses() throws Exception {
    BridgeClient b = browser();
    for (String address : List.of(Addresses.POOL_RENTALS, Addresses.POOL_RENT, Addresses.numberInbound(US_1),
        Addresses.numberSms(US_1), Addresses.numberRental(US_1), Addresses.ROUTER_INBOX, "inlet.session.x.feed.y")) {
      b.register(address, new JsonObject().put("apiKey", ApiStack.KEY).put("adminKey", ApiStack.ADMIN_KEY));
      assertRefused(b.nextFrame(5), address);
    }
  }

  @Test
  @DisplayName("a browser's publish and send are refused, to its own feed and to the pool alike, and reach nobody")
  void publishRefused() throws Exception {
    JsonObject mine = await(api.rent(US_1));
    String feed = Addresses.sessionFeed(mine.getString("session_id"));
    registerAndAwait(browser(), feed, BridgeClient.headers("token", mine.getString("ws_token")), 1);
    try (BridgeClient intruder = await(BridgeClient.connect(api.vertx, api.http.actualPort()))) {
      intruder.publish(feed, new JsonObject().put("type", "sms").put("message", new JsonObject().put("text", "fake")));
      assertRefused(intruder.nextFrame(5), feed);
      intruder.send(Addresses.POOL_RENT, new JsonObject().put("country", "US").put("owner", "x"));
      assertRefused(intruder.nextFrame(5), Addresses.POOL_RENT);
      intruder.publish(Addresses.numberInbound(US_1), new JsonObject().put("text", "fake"));
      assertRefused(intruder.nextFrame(5), Addresses.numberInbound(US_1));
    }
    // the fake never reached the feed: the first thing the registered browser hears is the real message
    await(api.deliver(US_1, "Bank", "real 3333"));
    assertThat(browser.nextFrame(5).getJsonObject("body").getJsonObject("message").getString("text"))
        .isEqualTo("real 3333");
    HttpResponse<Buffer> numbers = await(api.get("/api/numbers?country=US").send());
    assertThat(numbers.bodyAsJsonObject().getJsonArray("numbers")).hasSize(1); // the intruder rented nothing
  }

  @Test
  @DisplayName("a token registers once: the second registration with it is refused")
  void tokenSingleUse() throws Exception {
    JsonObject mine = await(api.rent(US_1));
    String feed = Addresses.sessionFeed(mine.getString("session_id"));
    BridgeClient b = browser();
    registerAndAwait(b, feed, BridgeClient.headers("token", mine.getString("ws_token")), 1);
    try (BridgeClient second = await(BridgeClient.connect(api.vertx, api.http.actualPort()))) {
      second.register(feed, BridgeClient.headers("token", mine.getString("ws_token")));
      assertRefused(second.nextFrame(5), feed);
    }
  }

  @Test
  @DisplayName("the status of binds reaches a browser registered with the admin key, and only with it")
  void statusForAdmins() throws Exception {
    BridgeClient b = browser();
    b.register(Addresses.STATUS_BINDS, BridgeClient.headers("adminKey", ApiStack.KEY));
    assertRefused(b.nextFrame(5), Addresses.STATUS_BINDS);
    int before = api.http.browserRegistrations();
    b.register(Addresses.STATUS_BINDS, BridgeClient.headers("adminKey", ApiStack.ADMIN_KEY));
    // a granted registration is not answered: await the node's count of completed ones
    api.http.whenBrowserRegistrations(n -> n > before).await(5, TimeUnit.SECONDS);
    JsonObject status = new JsonObject().put("id", "lab").put("state", "BOUND").put("node", "n1");
    api.vertx.eventBus().publish(Addresses.STATUS_BINDS, status);
    JsonObject frame = b.nextFrame(5);
    assertThat(frame).isNotNull();
    assertThat(frame.getString("type")).isEqualTo("rec");
    assertThat(frame.getJsonObject("body")).isEqualTo(status);
  }

  @Test
  @DisplayName("a browser's relay ends when it leaves")
  void relayEnds() throws Exception {
    JsonObject mine = await(api.rent(US_1));
    registerAndAwait(browser(), Addresses.sessionFeed(mine.getString("session_id")),
        BridgeClient.headers("token", mine.getString("ws_token")), 1);
    browser.close();
    browser = null;
    api.http.whenBridgedSessions(n -> n == 0).await(5, TimeUnit.SECONDS);
    assertThat(api.http.bridgedSessions()).isZero();
  }
}
