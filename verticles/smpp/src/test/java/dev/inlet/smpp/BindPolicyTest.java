package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BindPolicyTest {

  @Test
  @DisplayName("by default an account is bound once under a 10 s lease, rebound after 300 s without a deliver_sm")
  void defaults() {
    assertThat(BindPolicy.fromConfig(new JsonObject())).containsExactly(new BindPolicy(1, true, 10, 300, 5000));
  }

  @Test
  @DisplayName("each entry of binds inherits the section's policy and may set its own")
  void inherited() {
    JsonObject conf = new JsonObject().put("idleRebindSeconds", 60).put("binds", new JsonArray()
        .add(new JsonObject().put("name", "a").put("bindCount", 3))
        .add(new JsonObject().put("name", "b").put("idleRebindSeconds", 0).put("leased", false)));

    assertThat(BindPolicy.fromConfig(conf)).containsExactly(new BindPolicy(3, true, 10, 60, 5000),
        new BindPolicy(1, false, 10, 0, 5000));
  }

  @Test
  @DisplayName("a bindCount below 1 or a negative idle window is refused with the field's name")
  void invalid() {
    assertThatThrownBy(() -> BindPolicy.fromConfig(new JsonObject().put("bindCount", 0)))
        .hasMessageContaining("bindCount");
    assertThatThrownBy(() -> BindPolicy.fromConfig(new JsonObject().put("idleRebindSeconds", -1)))
        .hasMessageContaining("idleRebindSeconds");
  }

  @Test
  @DisplayName("the aggregator server is configured only with a port, and refuses two accounts with one system_id")
  void serverSettings() {
    assertThat(AggregatorServerSettings.fromConfig(new JsonObject())).isEmpty();
    JsonObject account = new JsonObject().put("systemId", "agg").put("password", "pw");
    JsonObject conf = new JsonObject().put("server", new JsonObject().put("port", 2776)
        .put("accounts", new JsonArray().add(account)));
    assertThat(AggregatorServerSettings.fromConfig(conf)).hasValueSatisfying(s -> {
      assertThat(s.accounts()).containsExactly(new AggregatorServerSettings.Account("agg", "pw", 1));
      assertThat(s.host()).isEqualTo("0.0.0.0");
    });
    conf.getJsonObject("server").getJsonArray("accounts").add(account.copy());
    assertThatThrownBy(() -> AggregatorServerSettings.fromConfig(conf)).hasMessageContaining("two accounts");
  }
}
