package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettlementsTest {

  private final List<List<String>> settled = new ArrayList<>();
  private final Settlements settlements = new Settlements(5000, 2000, 1000, keys -> {
    settled.add(List.copyOf(keys));
    return Future.succeededFuture();
  });

  @Test
  @DisplayName("a key answered OK is settled once the session lived on for the settle delay, not before")
  void settledAfterDelay() {
    settlements.answered("k", 0, true, 100);
    settlements.flushDue(5099);
    assertThat(settled).isEmpty();
    settlements.flushDue(5100);
    assertThat(settled).containsExactly(List.of("k"));
  }

  @Test
  @DisplayName("the same key again on the live session is settled at once, before it is routed")
  void sameKeyAgain() {
    settlements.answered("k", 0, true, 100);
    assertThat(settlements.beforeRouting("k", 200).succeeded()).isTrue();
    assertThat(settled).containsExactly(List.of("k"));
    assertThat(settlements.pending()).isZero();
  }

  @Test
  @DisplayName("keys of a lost session are never settled: their answers may not have reached the SMSC")
  void lostSession() {
    settlements.answered("k", 0, true, 100);
    settlements.sessionLost();
    settlements.beforeRouting("k", 200);
    settlements.flushDue(100_000);
    assertThat(settled).isEmpty();
  }

  @Test
  @DisplayName("an error, an unwritten answer, or an answer slower than the SMSC may wait leaves the key claimed")
  void notSettled() {
    settlements.answered("error", 0, false, 10);
    settlements.answered("slow", 0, true, 2001);
    settlements.flushDue(100_000);
    assertThat(settled).isEmpty();
    assertThat(settlements.pending()).isZero();
  }

  @Test
  @DisplayName("memory is bounded: beyond the limit the oldest half is settled early")
  void bounded() {
    for (int i = 0; i <= 1000; i++) {
      settlements.answered("k" + i, i, true, i);
    }
    assertThat(settlements.pending()).isEqualTo(500);
    assertThat(settled).singleElement().satisfies(keys -> assertThat(keys).hasSize(501).startsWith("k0"));
  }

  @Test
  @DisplayName("a message is routed without waiting for the settling of other messages' keys")
  void notHeldBack() {
    io.vertx.core.Promise<Void> neverAnswered = io.vertx.core.Promise.promise();
    Settlements slow = new Settlements(5000, 2000, 1000, keys -> {
      settled.add(List.copyOf(keys));
      return neverAnswered.future();
    });
    slow.answered("a", 0, true, 100);
    assertThat(slow.beforeRouting("b", 6000).succeeded()).isTrue();
    assertThat(settled).containsExactly(List.of("a"));
  }

  @Test
  @DisplayName("due keys are settled in one request per flush interval, not one request per arriving message")
  void oneRequestPerInterval() {
    settlements.answered("a", 0, true, 0);
    settlements.answered("b", 0, true, 100);
    settlements.answered("c", 0, true, 200);
    settlements.beforeRouting("x", 5000);
    settlements.beforeRouting("y", 5150);
    settlements.beforeRouting("z", 5000 + Settlements.FLUSH_INTERVAL_MS - 1);
    assertThat(settled).containsExactly(List.of("a"));
    settlements.beforeRouting("w", 5000 + Settlements.FLUSH_INTERVAL_MS);
    assertThat(settled).containsExactly(List.of("a"), List.of("b", "c"));
  }
}
