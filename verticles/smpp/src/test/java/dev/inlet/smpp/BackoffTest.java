package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  @DisplayName("delays double from the minimum up to the maximum")
  void doublesUpToTheCap() {
    Backoff backoff = new Backoff(100, 1000, () -> 1.0);
    assertThat(new long[] {backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs(),
        backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs()})
        .containsExactly(100, 200, 400, 800, 1000, 1000);
  }

  @Test
  @DisplayName("jitter keeps each delay between half its ceiling and the ceiling, never below the minimum")
  void jitterStaysInRange() {
    Backoff low = new Backoff(100, 1000, () -> 0.0);
    assertThat(new long[] {low.nextDelayMs(), low.nextDelayMs(), low.nextDelayMs(), low.nextDelayMs(),
        low.nextDelayMs()}).containsExactly(100, 100, 200, 400, 500);
  }

  @Test
  @DisplayName("random delays always lie between the minimum and the maximum")
  void randomDelaysAreBounded() {
    Backoff backoff = new Backoff(250, 30_000);
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.nextDelayMs()).isBetween(250L, 30_000L);
    }
  }

  @Test
  @DisplayName("a reset makes the next delay short again")
  void resetStartsOver() {
    Backoff backoff = new Backoff(100, 1000, () -> 1.0);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    assertThat(backoff.nextDelayMs()).isEqualTo(100);
  }

  @Test
  @DisplayName("a maximum below the minimum is refused")
  void invalidBounds() {
    assertThatThrownBy(() -> new Backoff(500, 100)).isInstanceOf(IllegalArgumentException.class);
  }
}
