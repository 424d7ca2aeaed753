package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.DedupClaim;
import dev.inlet.shared.message.Settled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettlementsTest {

  private final List<Settled> requests = new ArrayList<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final Settlements settlements = new Settlements(5000, 2000, 1000, s -> {
    requests.add(s);
    return Future.succeededFuture();
  }, () -> "session-" + sessions.incrementAndGet());

  /** A message with {@code key} (id {@code "id-" + key}) arriving at {@code arrived}, answered at {@code answered}. */
  private void message(String key, long arrived, boolean ok, long answered) {
    settlements.beforeRouting(key, arrived);
    settlements.answered(key, "id-" + key, arrived, ok, answered);
  }

  private List<Instant> horizons() {
    return requests.stream().filter(r -> r.until() != null).map(Settled::until).toList();
  }

  @Test
  @DisplayName("the horizon trails the clock by the settle delay and the SMSC's wait, and names the session")
  void horizonTrails() {
    message("a", 0, true, 100);
    settlements.flush(10_000);
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.arrival()).isEqualTo("session-1").isEqualTo(settlements.arrival());
      assertThat(r.until()).isEqualTo(Instant.ofEpochMilli(10_000 - 5000 - 2000));
      assertThat(r.keptClaimed()).isEmpty();
      assertThat(r.settled()).isEmpty();
    });
  }

  @Test
  @DisplayName("the horizon never passes a message still unanswered: it stays just before it")
  void unansweredHoldsTheHorizon() {
    message("early", 500, true, 600);
    settlements.beforeRouting("slow", 1000);
    message("quick", 1200, true, 1300);
    settlements.flush(60_000);
    assertThat(horizons()).containsExactly(Instant.ofEpochMilli(999));
    settlements.answered("slow", "id-slow", 1000, true, 1500);
    settlements.flush(60_600);
    assertThat(horizons()).containsExactly(Instant.ofEpochMilli(999), Instant.ofEpochMilli(60_600 - 7000));
  }

  @Test
  @DisplayName("the same key again on the live session settles its earlier message by name at once, before it is routed")
  void sameKeyAgain() {
    message("k", 0, true, 100);
    assertThat(settlements.beforeRouting("k", 200).succeeded()).isTrue();
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.settled()).containsExactly(new DedupClaim("k", "id-k"));
      assertThat(r.until()).isNull();
    });
    assertThat(settlements.pending()).isZero();
  }

  @Test
  @DisplayName("the same key again while the earlier ESME_ROK is being written waits for the write: settled once it is written")
  void sameKeyWhileAnswering() {
    settlements.beforeRouting("k", 0);
    settlements.answering("k");
    Future<Void> second = settlements.beforeRouting("k", 50);
    assertThat(second.isComplete()).as("waits for the write of the first answer").isFalse();
    settlements.answered("k", "id-k", 0, true, 60);
    assertThat(second.succeeded()).isTrue();
    assertThat(requests).singleElement().satisfies(r -> assertThat(r.settled()).containsExactly(new DedupClaim("k", "id-k")));
  }

  @Test
  @DisplayName("the same key again while the earlier ESME_ROK is being written is a retry when that write fails")
  void sameKeyWhileAnsweringFails() {
    settlements.beforeRouting("k", 0);
    settlements.answering("k");
    Future<Void> second = settlements.beforeRouting("k", 50);
    settlements.answered("k", "id-k", 0, false, 60);
    assertThat(second.succeeded()).isTrue();
    assertThat(requests).as("nothing settled: the SMSC never had our answer").isEmpty();
  }

  @Test
  @DisplayName("an error, an unwritten answer, or an answer slower than the SMSC waits keeps the message claimed, named with the horizon")
  void keptClaimed() {
    message("error", 0, false, 10);
    message("slow", 0, true, 2001);
    message("fine", 0, true, 50);
    settlements.flush(100_000);
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.keptClaimed()).containsExactly(new DedupClaim("error", "id-error"), new DedupClaim("slow", "id-slow"));
      assertThat(r.until()).isEqualTo(Instant.ofEpochMilli(100_000 - 7000));
    });
  }

  @Test
  @DisplayName("a lost session's horizon stops where it was; the next message starts a new session")
  void lostSession() {
    message("k", 0, true, 100);
    String first = settlements.arrival();
    settlements.sessionLost();
    settlements.flush(100_000);
    assertThat(requests).isEmpty();
    settlements.beforeRouting("k", 100_100);
    assertThat(requests).as("its key is not settled early: the SMSC may be retrying it").isEmpty();
    assertThat(settlements.arrival()).isNotEqualTo(first);
  }

  @Test
  @DisplayName("what the store has not taken is sent again: a failed request leaves its horizon and claims to the next")
  void failedRequestRetried() {
    List<Promise<Void>> answers = new ArrayList<>();
    Settlements flaky = new Settlements(5000, 2000, 1000, s -> {
      requests.add(s);
      Promise<Void> p = Promise.promise();
      answers.add(p);
      return p.future();
    }, () -> "s");
    flaky.beforeRouting("late", 0);
    flaky.answered("late", "id-late", 0, true, 3000);
    flaky.flush(10_000);
    flaky.flush(10_600);
    assertThat(requests).as("one request at a time").hasSize(1);
    answers.get(0).fail("store down");
    flaky.flush(11_200);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).keptClaimed()).containsExactly(new DedupClaim("late", "id-late"));
    assertThat(requests.get(1).until()).isEqualTo(Instant.ofEpochMilli(11_200 - 7000));
  }

  @Test
  @DisplayName("answered messages wait in memory only until the store has a horizon past them")
  void prunedByTheHorizon() {
    message("a", 0, true, 10);
    message("b", 6000, true, 6010);
    assertThat(settlements.pending()).isEqualTo(2);
    settlements.flush(7500);
    assertThat(settlements.pending()).isEqualTo(1);
    assertThat(settlements.beforeRouting("a", 7600).succeeded()).isTrue();
    assertThat(requests).as("a was settled by the horizon: nothing to name").hasSize(1);
  }

  @Test
  @DisplayName("memory is bounded: beyond the limit the oldest half is settled by name early")
  void bounded() {
    for (int i = 0; i <= 1000; i++) {
      settlements.beforeRouting("k" + i, 0);
      settlements.answered("k" + i, "id-" + i, 0, true, 0);
    }
    assertThat(settlements.pending()).isEqualTo(500);
    assertThat(requests).singleElement().satisfies(r ->
        assertThat(r.settled()).hasSize(501).startsWith(new DedupClaim("k0", "id-0")));
  }

  @Test
  @DisplayName("a message is routed without waiting for the horizon's request")
  void notHeldBack() {
    Settlements slow = new Settlements(5000, 2000, 1000, s -> {
      requests.add(s);
      return Promise.<Void>promise().future();
    }, () -> "s");
    slow.beforeRouting("a", 0);
    slow.answered("a", "id-a", 0, true, 100);
    assertThat(slow.beforeRouting("b", 8000).succeeded()).isTrue();
    assertThat(requests).hasSize(1);
  }

  @Test
  @DisplayName("the horizon moves on once per flush interval, not once per arriving message")
  void oneRequestPerInterval() {
    message("a", 0, true, 0);
    assertThat(requests).as("nothing arrived before the horizon yet").isEmpty();
    settlements.beforeRouting("x", 8000);
    settlements.beforeRouting("y", 8150);
    settlements.beforeRouting("z", 8000 + Settlements.FLUSH_INTERVAL_MS - 1);
    assertThat(horizons()).containsExactly(Instant.ofEpochMilli(1000));
    settlements.beforeRouting("w", 8000 + Settlements.FLUSH_INTERVAL_MS);
    assertThat(horizons()).containsExactly(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(1500));
  }
}
