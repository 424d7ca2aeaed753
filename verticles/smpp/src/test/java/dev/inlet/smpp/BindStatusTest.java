package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppBindType;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BindStatusTest {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private final BindStatus status = new BindStatus("carrier-a#1", new BindSettings("carrier-a", "10.0.0.1", 2775,
      "inlet01", "pw", SmppBindType.TRANSCEIVER, 64, 10, 5000, 250, 30000));

  @Test
  @DisplayName("a snapshot carries the id, state, node, account and counters")
  void snapshot() {
    status.state(BindStatus.State.BOUND, null, T0);
    status.leaseToken(7L);
    status.deliverSm(T0.plusSeconds(1));
    status.deliverSm(T0.plusSeconds(2));
    status.acknowledged();
    status.refused();

    JsonObject json = status.snapshot(T0.plusSeconds(3));

    assertThat(json.getString("id")).isEqualTo("carrier-a#1");
    assertThat(json.getString("state")).isEqualTo("bound");
    assertThat(json.getString("node")).isEqualTo(BindStatus.NODE);
    assertThat(json.getString("updatedAt")).isEqualTo("2026-11-29T10:00:03Z");
    assertThat(json.getString("bindType")).isEqualTo("transceiver");
    assertThat(json.getLong("leaseToken")).isEqualTo(7);
    assertThat(json.getString("boundSince")).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(json.getString("lastPduAt")).isEqualTo("2026-11-29T10:00:02Z");
    assertThat(json.getLong("deliverSm")).isEqualTo(2);
    assertThat(json.getLong("acknowledged")).isEqualTo(1);
    assertThat(json.getLong("refused")).isEqualTo(1);
    assertThat(json.getDouble("throughputPerSecond")).isPositive();
  }

  @Test
  @DisplayName("losing a bound session counts a rebind and clears boundSince; failed binds in a row count none")
  void rebinds() {
    status.state(BindStatus.State.BOUND, null, T0);
    status.state(BindStatus.State.RECONNECTING, "the connection closed", T0.plusSeconds(1));
    status.state(BindStatus.State.RECONNECTING, "refused", T0.plusSeconds(2));

    JsonObject json = status.snapshot(T0.plusSeconds(3));

    assertThat(json.getLong("rebinds")).isEqualTo(1);
    assertThat(json.getString("boundSince")).isNull();
    assertThat(json.getString("reason")).isEqualTo("refused");
  }

  @Test
  @DisplayName("throughput counts the deliver_sm since the previous snapshot only")
  void throughputWindow() {
    status.deliverSm(T0);
    status.snapshot(T0);

    assertThat(status.snapshot(T0).getDouble("throughputPerSecond")).isZero();
  }
}
