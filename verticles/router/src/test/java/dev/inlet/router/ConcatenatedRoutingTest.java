package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.InMemoryStore;
import io.vertx.core.Future;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router joins the parts of concatenated messages held in the store, whichever router each part reached. */
@ExtendWith(VertxExtension.class)
class ConcatenatedRoutingTest {

  private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
  private static final String HELD = "+12125550100";
  private static final String SESSION = "alice-session";
  private static final byte[] TEXT = "Your code is 481516, valid for 10 minutes. Do not share it. 😀"
      .getBytes(StandardCharsets.UTF_16BE);

  private final List<StoredSms> pushed = new CopyOnWriteArrayList<>();
  private InMemoryStore store;

  @BeforeEach
  void pool(VertxTestContext ctx) {
    store = new InMemoryStore();
    store.addNumbers(List.of(new PoolNumber(HELD, "US", List.of("sms"))))
        .compose(n -> store.claim(new ClaimRequest(SESSION, HELD, null, null, "alice", T0, T0.plusSeconds(600))))
        .onComplete(ctx.succeedingThenComplete());
  }

  private InboundRouter router(Instant now) {
    return new InboundRouter(store, Duration.ofSeconds(30), Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC),
        pushed::add);
  }

  /** Part {@code number} of 3 of TEXT in UCS-2, cut so that the emoji's surrogate pair is split between parts 2 and 3. */
  private static InboundSms part(String to, int number, Instant at) {
    int[] cuts = {0, 40, TEXT.length - 2, TEXT.length};
    byte[] data = Arrays.copyOfRange(TEXT, cuts[number - 1], cuts[number]);
    return new InboundSms("p" + number + "-" + at.toEpochMilli(), to, "+447700900001", "(part)", at, "smpp:test",
        "1", null, null, new Segment(77, 8, 3, number, SmsAlphabet.UCS2, 0, 0, data));
  }

  @Test
  @DisplayName("parts out of order and repeated are stored as one whole message, pushed once, with its code")
  void wholeOnce(VertxTestContext ctx) {
    InboundRouter router = router(T0.plusSeconds(1));
    List<SmsReceipt> receipts = new CopyOnWriteArrayList<>();
    router.route(part(HELD, 3, T0)).onSuccess(receipts::add)
        .compose(r -> router.route(part(HELD, 1, T0.plusMillis(5)))).onSuccess(receipts::add)
        .compose(r -> router.route(part(HELD, 3, T0.plusMillis(9)))).onSuccess(receipts::add)
        .compose(r -> router.route(part(HELD, 2, T0.plusMillis(10)))).onSuccess(receipts::add)
        .compose(r -> store.inbox(SESSION, null, 10).map(inbox -> {
          ctx.verify(() -> {
            assertThat(receipts.subList(0, 3)).extracting(SmsReceipt::disposition).containsOnly(SmsReceipt.Disposition.HELD);
            assertThat(receipts.get(3).disposition()).isEqualTo(SmsReceipt.Disposition.INBOX);
            assertThat(inbox).singleElement().satisfies(m -> {
              assertThat(m.text()).isEqualTo(new String(TEXT, StandardCharsets.UTF_16BE));
              assertThat(m.code()).isEqualTo("481516");
              assertThat(m.from()).isEqualTo("+447700900001");
              assertThat(m.receivedAt()).isEqualTo(T0);
            });
            assertThat(pushed).hasSize(1);
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("parts reaching two routers (two nodes) at once make one message")
  void twoRouters(VertxTestContext ctx) {
    InboundRouter a = router(T0.plusSeconds(1));
    InboundRouter b = router(T0.plusSeconds(1));
    Future.all(a.route(part(HELD, 1, T0)), b.route(part(HELD, 2, T0)), a.route(part(HELD, 3, T0)),
            b.route(part(HELD, 3, T0)), b.route(part(HELD, 1, T0)))
        .compose(all -> store.inbox(SESSION, null, 10))
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).extracting(StoredSms::text).containsExactly(new String(TEXT, StandardCharsets.UTF_16BE));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("after the timeout what came is stored marked incomplete, and a late part is answered without a second message")
  void overdueIncomplete(VertxTestContext ctx) {
    InboundRouter early = router(T0.plusSeconds(1));
    InboundRouter late = router(T0.plusSeconds(61));
    early.route(part(HELD, 1, T0))
        .compose(v -> early.route(part(HELD, 3, T0)))
        .compose(v -> early.deliverOverdue(Duration.ofSeconds(60), 100))
        .compose(none -> late.deliverOverdue(Duration.ofSeconds(60), 100).map(one -> List.of(none, one)))
        .compose(counts -> late.route(part(HELD, 2, T0.plusSeconds(62)))
            .compose(lateReceipt -> store.inbox(SESSION, null, 10).map(inbox -> {
              ctx.verify(() -> {
                assertThat(counts).containsExactly(0, 1);
                assertThat(lateReceipt.disposition()).isEqualTo(SmsReceipt.Disposition.HELD);
                // part 3 holds only the low half of the emoji's surrogate pair: it shows as U+FFFD
                assertThat(inbox).extracting(StoredSms::text)
                    .containsExactly("Your code is 481516,[part 2 of 3 missing]\uFFFD");
              });
              return null;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("the parts of a message to a number outside the pool are refused and not held on")
  void unknownNumber(VertxTestContext ctx) {
    InboundRouter router = router(T0.plusSeconds(1));
    router.route(part("+12125559999", 1, T0))
        .compose(v -> router.route(part("+12125559999", 2, T0)))
        .compose(v -> router.route(part("+12125559999", 3, T0)))
        .onComplete(ctx.failing(e -> {
          ctx.verify(() -> assertThat(Failure.of(e)).isEqualTo(Failure.UNKNOWN_NUMBER));
          store.overdueParts(T0.plusSeconds(3600), 10).onComplete(ctx.succeeding(left -> ctx.verify(() -> {
            assertThat(left).isEmpty();
            ctx.completeNow();
          })));
        }));
  }

  @Test
  @DisplayName("a binary message is stored as marked hex, and no code is read out of its digits")
  void binaryHasNoCode(VertxTestContext ctx) {
    InboundSms binary = new InboundSms("b1", HELD, "+447700900001", "[binary] 313233343536", T0, "smpp:test", "1");
    router(T0.plusSeconds(1)).route(binary)
        .compose(r -> store.inbox(SESSION, null, 10))
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).singleElement().satisfies(m -> assertThat(m.code()).isNull());
          ctx.completeNow();
        })));
  }
}
