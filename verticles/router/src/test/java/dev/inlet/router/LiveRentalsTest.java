package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.Rental;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LiveRentalsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final String N1 = "+12125550100";
  private static final String N2 = "+12125550101";

  private final LiveRentals live = new LiveRentals(GRACE);

  /** A rental of {@code number} from {@code start} for {@code seconds}. */
  private static Rental rental(String session, String number, Instant start, long seconds) {
    return new Rental(session, number, "US", null, "owner", start, start.plusSeconds(seconds), null, null);
  }

  @Test
  @DisplayName("a number is served from the moment its rental is learnt")
  void servedFromStart() {
    assertThat(live.serves(N1)).isFalse();
    assertThat(live.learn(rental("s1", N1, T0, 600))).as("new number: register it").isTrue();
    assertThat(live.serves(N1)).isTrue();
  }

  @Test
  @DisplayName("a number is served until its rental's end plus the grace, and then lapses")
  void lapsesAfterGrace() {
    live.learn(rental("s1", N1, T0, 600));
    Instant lapse = T0.plusSeconds(600).plus(GRACE);
    assertThat(live.lapsed(lapse.minusMillis(1))).isEmpty();
    assertThat(live.serves(N1)).isTrue();
    assertThat(live.lapsed(lapse)).containsExactly(N1);
    assertThat(live.serves(N1)).isFalse();
  }

  @Test
  @DisplayName("a lapsed number is reported once")
  void lapsedOnce() {
    live.learn(rental("s1", N1, T0, 600));
    Instant lapse = T0.plusSeconds(600).plus(GRACE);
    assertThat(live.lapsed(lapse)).containsExactly(N1);
    assertThat(live.lapsed(lapse.plusSeconds(3600))).isEmpty();
  }

  @Test
  @DisplayName("an extended rental keeps its number served until the new expiry plus the grace")
  void extended() {
    Rental started = rental("s1", N1, T0, 600);
    live.learn(started);
    assertThat(live.learn(started.extendedTo(T0.plusSeconds(1200)))).as("already served").isFalse();
    assertThat(live.lapsed(T0.plusSeconds(600).plus(GRACE))).isEmpty();
    assertThat(live.serves(N1)).isTrue();
    assertThat(live.lapsed(T0.plusSeconds(1200).plus(GRACE))).containsExactly(N1);
  }

  @Test
  @DisplayName("an ended rental lapses at its end plus the grace, even though it was to expire later")
  void endedEarly() {
    Rental started = rental("s1", N1, T0, 600);
    live.learn(started);
    Instant end = T0.plusSeconds(100);
    live.learn(started.end(end, "RELEASED"));
    assertThat(live.lapsed(end.plus(GRACE).minusMillis(1))).isEmpty();
    assertThat(live.lapsed(end.plus(GRACE))).containsExactly(N1);
    assertThat(live.serves(N1)).isFalse();
  }

  @Test
  @DisplayName("a newer rental on the same number keeps it served after the older one lapses")
  void newerRentalKeepsNumber() {
    Rental first = rental("s1", N1, T0, 600);
    live.learn(first);
    live.learn(first.end(T0.plusSeconds(100), "RELEASED"));
    assertThat(live.learn(rental("s2", N1, T0.plusSeconds(120), 600))).as("already served").isFalse();
    assertThat(live.lapsed(T0.plusSeconds(130))).isEmpty();
    assertThat(live.lapsed(T0.plusSeconds(600).plus(GRACE))).isEmpty();
    assertThat(live.serves(N1)).isTrue();
    assertThat(live.lapsed(T0.plusSeconds(720).plus(GRACE))).containsExactly(N1);
  }

  @Test
  @DisplayName("a number that lapsed is registered again when a new rental of it is learnt")
  void relearnAfterLapse() {
    live.learn(rental("s1", N1, T0, 60));
    assertThat(live.lapsed(T0.plusSeconds(60).plus(GRACE))).containsExactly(N1);
    assertThat(live.learn(rental("s2", N1, T0.plusSeconds(200), 600))).isTrue();
    assertThat(live.serves(N1)).isTrue();
    // the first rental's old deadline does not take the number from the new one
    assertThat(live.lapsed(T0.plusSeconds(700))).isEmpty();
    assertThat(live.serves(N1)).isTrue();
  }

  @Test
  @DisplayName("the number of served numbers follows the live rentals")
  void sizeFollowsLiveRentals() {
    assertThat(live.size()).isZero();
    live.learn(rental("s1", N1, T0, 60));
    live.learn(rental("s2", N2, T0, 600));
    assertThat(live.size()).isEqualTo(2);
    live.lapsed(T0.plusSeconds(60).plus(GRACE));
    assertThat(live.size()).isEqualTo(1);
    live.learn(rental("s3", N1, T0.plusSeconds(300), 600));
    assertThat(live.size()).isEqualTo(2);
    live.lapsed(T0.plusSeconds(600).plus(GRACE));
    assertThat(live.size()).isEqualTo(1);
    live.lapsed(T0.plusSeconds(900).plus(GRACE));
    assertThat(live.size()).isZero();
  }
}
