package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.US_2;
import static dev.inlet.api.ApiStack.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /api/messages} on the real pool and router, with messages handed in as a source does. */
class MessagesApiTest extends ApiStackTest {

  /** Delivers {@code count} messages to the number one after the other; answers their ids in order. */
  private Future<List<String>> deliverInOrder(String number, int count) {
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 1; i <= count; i++) {
      InboundSms sms = ApiStack.sms(number, "Sender", "message " + i, null);
      chain = chain.compose(v -> api.deliver(sms)).map(receipt -> {
        ids.add(receipt.messageId());
        return null;
      });
    }
    return chain.map(v -> ids);
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  @Test
  @DisplayName("a message to a rented number is listed verbatim: the sender keeps its +, the text its spaces")
  void verbatim(VertxTestContext ctx) {
    api.rent(US_1).onComplete(ctx.succeeding(rental -> {
      // received (now) after the rental started, or it would not be the session's
      InboundSms sms = ApiStack.sms(US_1, "+447700900123", "  hi  ", Instant.parse("2026-11-25T17:59:58Z"));
      api.deliver(sms)
          .compose(receipt -> {
            ctx.verify(() -> {
              assertThat(receipt.disposition()).isEqualTo(SmsReceipt.Disposition.INBOX);
              assertThat(receipt.sessionId()).isEqualTo(rental.getString("session_id"));
            });
            return api.messages("session_id=" + rental.getString("session_id"));
          })
          .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
            assertThat(page.getJsonArray("messages")).containsExactly(new JsonObject()
                .put("id", sms.id()).put("from", "+447700900123").put("to", US_1).put("text", "  hi  ")
                .put("code", null)
                .put("received_at", sms.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("sent_at", "2026-11-25T17:59:58Z"));
            assertThat(page.getString("next_after")).isEqualTo(sms.id());
            ctx.completeNow();
          })));
    }));
  }

  @Test
  @DisplayName("the one-time code in a message's text is listed as its code")
  void code(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> api.deliver(US_1, "Google", "G-837261 is your Google verification code")
            .compose(receipt -> api.messages("session_id=" + rental.getString("session_id"))))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(page.getJsonArray("messages").getJsonObject(0).getString("code")).isEqualTo("837261");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message whose source gave no timestamp has sent_at null")
  void noSentAt(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> api.deliver(US_1, "Bank", "Hello")
            .compose(receipt -> api.messages("session_id=" + rental.getString("session_id"))))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          JsonObject message = page.getJsonArray("messages").getJsonObject(0);
          assertThat(message.containsKey("sent_at")).isTrue();
          assertThat(message.getValue("sent_at")).isNull();
          assertThat(message.getString("received_at")).isNotBlank();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("limit caps a page, which names its last message as next_after")
  void limit(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> deliverInOrder(US_1, 5)
            .compose(ids -> api.messages("session_id=" + rental.getString("session_id") + "&limit=2")
                .map(page -> {
                  ctx.verify(() -> {
                    assertThat(ids(page)).containsExactly(ids.get(0), ids.get(1));
                    assertThat(page.getString("next_after")).isEqualTo(ids.get(1));
                  });
                  return page;
                })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("after continues behind the given message, and paging by next_after walks the inbox to an empty page with next_after null")
  void pagesThrough(VertxTestContext ctx) {
    api.rent(US_1).onComplete(ctx.succeeding(rental -> {
      String session = "session_id=" + rental.getString("session_id");
      deliverInOrder(US_1, 5).onComplete(ctx.succeeding(ids -> api.messages(session + "&limit=2")
          .compose(first -> api.messages(session + "&limit=2&after=" + first.getString("next_after")))
          .compose(second -> {
            ctx.verify(() -> {
              assertThat(ids(second)).containsExactly(ids.get(2), ids.get(3));
              assertThat(second.getString("next_after")).isEqualTo(ids.get(3));
            });
            return api.messages(session + "&limit=2&after=" + second.getString("next_after"));
          })
          .compose(third -> {
            ctx.verify(() -> {
              assertThat(ids(third)).containsExactly(ids.get(4));
              assertThat(third.getString("next_after")).isEqualTo(ids.get(4));
            });
            return api.messages(session + "&limit=2&after=" + third.getString("next_after"));
          })
          .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
            assertThat(last.getJsonArray("messages")).isEmpty();
            assertThat(last.containsKey("next_after")).isTrue();
            assertThat(last.getValue("next_after")).isNull();
            ctx.completeNow();
          })))));
    }));
  }

  @Test
  @DisplayName("without limit a page holds at most 100 messages")
  void defaultLimit(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> deliverInOrder(US_1, 101)
            .compose(ids -> api.messages("session_id=" + rental.getString("session_id"))
                .map(page -> {
                  ctx.verify(() -> {
                    assertThat(ids(page)).hasSize(100).containsExactlyElementsOf(ids.subList(0, 100));
                    assertThat(page.getString("next_after")).isEqualTo(ids.get(99));
                  });
                  return page;
                })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a session lists only its own messages, not those of other numbers")
  void onlyItsNumber(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> api.rent(US_2)
            .compose(other -> api.deliver(US_2, "Sender", "for the other session"))
            .compose(receipt -> api.deliver(US_1, "Sender", "for this session"))
            .compose(receipt -> api.messages("session_id=" + rental.getString("session_id"))))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(page.getJsonArray("messages")).hasSize(1);
          assertThat(page.getJsonArray("messages").getJsonObject(0).getString("text")).isEqualTo("for this session");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("another API key cannot read a session's messages: 404 problem")
  void onlyTheOwner(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> ApiStack.withKey(api.client.get("/api/messages?session_id=" + rental.getString("session_id")),
            ApiStack.OTHER_KEY).send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 404, "session-not-found", "/api/messages");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the messages of a released session stay readable")
  void endedStaysReadable(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> api.deliver(US_1, "Bank", "before the release")
            .compose(receipt -> api.release(rental.getString("session_id")))
            .compose(released -> {
              ctx.verify(() -> assertThat(released.statusCode()).isEqualTo(204));
              return api.messages("session_id=" + rental.getString("session_id"));
            }))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(page.getJsonArray("messages")).hasSize(1);
          assertThat(page.getJsonArray("messages").getJsonObject(0).getString("text")).isEqualTo("before the release");
          ctx.completeNow();
        })));
  }
}
