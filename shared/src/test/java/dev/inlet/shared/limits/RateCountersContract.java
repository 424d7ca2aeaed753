package dev.inlet.shared.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.limits.RateCounters.Lease;
import dev.inlet.shared.limits.RateCounters.WindowCount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link RateCounters} implementation must do; each implementation's test extends this class. Keys carry a
 * random prefix so that runs against a shared backend (Redis) do not see each other's counts.
 */
@ExtendWith(VertxExtension.class)
public abstract class RateCountersContract {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.250Z");

  protected RateCounters counters;
  private String prefix;

  protected abstract RateCounters open(Vertx vertx);

  @BeforeEach
  void openCounters(Vertx vertx) {
    counters = open(vertx);
    prefix = "t" + UUID.randomUUID() + ":";
  }

  @AfterEach
  void closeCounters() {
    counters.close().await();
  }

  private String key(String name) {
    return prefix + name;
  }

  @Test
  @DisplayName("a window counts the events added to it and says when it ends")
  void windowCounts() {
    // a window long enough that the backend's own expiry (real time) cannot end it during the test
    Duration minute = Duration.ofMinutes(1);
    assertThat(counters.add(key("w"), minute, 1, T0).await().count()).isEqualTo(1);
    WindowCount third = counters.add(key("w"), minute, 2, T0.plusMillis(100)).await();
    assertThat(third.count()).isEqualTo(3);
    assertThat(third.endsAt()).isEqualTo(Instant.parse("2026-11-29T10:01:00Z"));
  }

  @Test
  @DisplayName("a cost of 0 reads a window without counting, a negative cost gives events back, never below 0")
  void windowReadsAndRefunds() {
    Duration minute = Duration.ofMinutes(1);
    counters.add(key("w"), minute, 2, T0).await();
    assertThat(counters.add(key("w"), minute, 0, T0).await().count()).isEqualTo(2);
    assertThat(counters.add(key("w"), minute, -1, T0).await().count()).isEqualTo(1);
    assertThat(counters.add(key("w"), minute, -5, T0).await().count()).isZero();
  }

  @Test
  @DisplayName("the next window starts from zero, and other keys are counted apart")
  void windowsAreSeparate() {
    Duration minute = Duration.ofMinutes(1);
    counters.add(key("a"), minute, 5, T0).await();
    assertThat(counters.add(key("a"), minute, 1, T0.plusSeconds(60)).await().count()).isEqualTo(1);
    assertThat(counters.add(key("b"), minute, 1, T0).await().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("concurrent additions to one window are all counted")
  void windowIsAtomic() {
    List<Future<WindowCount>> adds = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      adds.add(counters.add(key("c"), Duration.ofMinutes(1), 1, T0));
    }
    Future.all(adds).await();
    assertThat(adds.stream().map(f -> f.result().count()).distinct()).hasSize(50);
    assertThat(counters.add(key("c"), Duration.ofMinutes(1), 0, T0).await().count()).isEqualTo(50);
  }

  @Test
  @DisplayName("a lease set grants at most limit leases, and says when the first one ends")
  void leasesAreCapped() {
    Instant end1 = T0.plusSeconds(60);
    assertThat(counters.acquire(key("l"), "a", 2, end1, T0).await().granted()).isTrue();
    Lease second = counters.acquire(key("l"), "b", 2, T0.plusSeconds(90), T0).await();
    assertThat(second.granted()).isTrue();
    assertThat(second.held()).isEqualTo(2);
    Lease third = counters.acquire(key("l"), "c", 2, T0.plusSeconds(90), T0).await();
    assertThat(third.granted()).isFalse();
    assertThat(third.held()).isEqualTo(2);
    assertThat(third.freeAt()).isEqualTo(end1);
  }

  @Test
  @DisplayName("a holder renews its own lease even when the set is full")
  void holderRenews() {
    counters.acquire(key("l"), "a", 1, T0.plusSeconds(10), T0).await();
    assertThat(counters.acquire(key("l"), "a", 1, T0.plusSeconds(60), T0).await().granted()).isTrue();
    Lease other = counters.acquire(key("l"), "b", 1, T0.plusSeconds(60), T0.plusSeconds(30)).await();
    assertThat(other.granted()).as("a's lease was moved to +60 s").isFalse();
    assertThat(other.freeAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  @DisplayName("an expired lease frees its place, and a released one at once")
  void leasesEnd() {
    counters.acquire(key("l"), "a", 1, T0.plusSeconds(10), T0).await();
    assertThat(counters.acquire(key("l"), "b", 1, T0.plusSeconds(60), T0.plusSeconds(10)).await().granted()).isTrue();
    counters.release(key("l"), "b").await();
    assertThat(counters.acquire(key("l"), "c", 1, T0.plusSeconds(60), T0.plusSeconds(11)).await().granted()).isTrue();
    counters.release(key("l"), "nobody").await();
  }

  @Test
  @DisplayName("concurrent acquisitions never grant more than the limit")
  void leasesAreAtomic() {
    List<Future<Lease>> tries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tries.add(counters.acquire(key("race"), "h" + i, 5, T0.plusSeconds(60), T0));
    }
    Future.all(tries).await();
    assertThat(tries.stream().filter(f -> f.result().granted()).count()).isEqualTo(5);
  }

  @Test
  @DisplayName("a backend that serves answers the readiness ping")
  void pings() {
    counters.ping().await();
  }
}
