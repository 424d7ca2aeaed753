package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudhopper.smpp.SmppBindType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BindSettingsTest {

  private static JsonObject section() {
    return new JsonObject().put("name", "lab").put("host", "127.0.0.1").put("port", 2775)
        .put("systemId", "inlet").put("password", "lab-pass").put("bindType", "receiver").put("windowSize", 64)
        .put("enquireLinkSeconds", 30).put("routeTimeoutMs", 5000).put("reconnectMinMs", 250)
        .put("reconnectMaxMs", 30000);
  }

  @Test
  @DisplayName("without binds the section's own fields make one bind")
  void oneBindFromTheSection() {
    assertThat(BindSettings.fromConfig(section())).containsExactly(new BindSettings("lab", "127.0.0.1", 2775,
        "inlet", "lab-pass", SmppBindType.RECEIVER, 64, 30, 5000, 250, 30000));
  }

  @Test
  @DisplayName("each entry of binds is a bind that inherits the fields it does not set")
  void severalBindsInherit() {
    JsonObject conf = section().put("binds", new JsonArray()
        .add(new JsonObject().put("name", "a").put("port", 2776))
        .add(new JsonObject().put("name", "b").put("bindType", "transceiver")));
    List<BindSettings> binds = BindSettings.fromConfig(conf);
    assertThat(binds).extracting(BindSettings::name, BindSettings::port, BindSettings::bindType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 2776, SmppBindType.RECEIVER),
            org.assertj.core.groups.Tuple.tuple("b", 2775, SmppBindType.TRANSCEIVER));
  }

  @Test
  @DisplayName("a transmitter bind is refused: it could not receive deliver_sm")
  void transmitterRefused() {
    assertThatThrownBy(() -> BindSettings.fromConfig(section().put("bindType", "transmitter")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiver or transceiver");
  }

  @Test
  @DisplayName("two binds with the same name are refused")
  void duplicateNamesRefused() {
    JsonObject conf = section().put("binds", new JsonArray()
        .add(new JsonObject().put("name", "a")).add(new JsonObject().put("name", "a")));
    assertThatThrownBy(() -> BindSettings.fromConfig(conf)).hasMessageContaining("two smpp binds are named a");
  }
}
