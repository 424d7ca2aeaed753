package dev.inlet.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every {@link InboxStore} must do. Each backend's test extends this class. */
@ExtendWith(VertxExtension.class)
public abstract class InboxStoreContract {

  private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");

  protected abstract InboxStore store(Vertx vertx);

  private static StoredSms sms(String session, int i) {
    return new StoredSms("m" + i, session, "+12125550100", "Google", "code " + i, null, T0.plusMillis(i));
  }

  @Test
  @DisplayName("concurrent appends to one inbox are all kept, oldest first")
  void concurrentAppends(Vertx vertx, VertxTestContext ctx) {
    InboxStore store = store(vertx);
    Future.all(IntStream.range(0, 50).mapToObj(i -> store.append(sms("s1", i))).toList())
        .compose(v -> store.inbox("s1"))
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).hasSize(50);
          assertThat(inbox).extracting(StoredSms::id)
              .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "m" + i).toList());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an inbox holds its own session's messages only")
  void isolation(Vertx vertx, VertxTestContext ctx) {
    InboxStore store = store(vertx);
    Future.all(store.append(sms("s1", 1)), store.append(sms("s2", 2)))
        .compose(v -> Future.all(store.inbox("s1"), store.inbox("s2"), store.inbox("nobody")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat((List<StoredSms>) all.resultAt(0)).extracting(StoredSms::id).containsExactly("m1");
          assertThat((List<StoredSms>) all.resultAt(1)).extracting(StoredSms::id).containsExactly("m2");
          assertThat((List<StoredSms>) all.resultAt(2)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message that no session held is kept in the unmatched archive")
  void unmatched(Vertx vertx, VertxTestContext ctx) {
    InboxStore store = store(vertx);
    InboundSms sms = new InboundSms("u1", "+12125550100", "x", "hello", T0, "smpp:lab", "1");
    store.archiveUnmatched(sms)
        .compose(v -> store.unmatched())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all).containsExactly(sms);
          ctx.completeNow();
        })));
  }
}
