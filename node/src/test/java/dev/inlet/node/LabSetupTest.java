package dev.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabSetupTest {

  private static JsonObject lab() {
    return new JsonObject().put("mode", "lab")
        .put("roles", new JsonArray().add("smsc-simulator").add("smpp").add("http"))
        .put("lab", new JsonObject().put("smscPort", 2775).put("systemId", "inlet").put("password", "pw"))
        .put("smpp", new JsonObject().put("windowSize", 64));
  }

  @Test
  @DisplayName("a lab node without an API key gets a generated one, marked as generated")
  void generatesKey() {
    JsonObject conf = LabSetup.prepare(lab());
    assertThat(LabSetup.apiKey(conf)).startsWith("lab_").hasSize(36);
    assertThat(conf.getJsonObject("http").getBoolean("generatedApiKey")).isTrue();
  }

  @Test
  @DisplayName("a configured API key is kept")
  void keepsKey() {
    JsonObject conf = LabSetup.prepare(lab().put("http", new JsonObject().put("apiKeys", new JsonArray().add("mine"))));
    assertThat(LabSetup.apiKey(conf)).isEqualTo("mine");
    assertThat(conf.getJsonObject("http").containsKey("generatedApiKey")).isFalse();
  }

  @Test
  @DisplayName("the SMPP verticle binds to the simulator, on a free port when port 0 is asked for")
  void bindsToSimulator() {
    JsonObject input = lab();
    input.getJsonObject("lab").put("smscPort", 0);
    JsonObject conf = LabSetup.prepare(input);
    int port = conf.getJsonObject("lab").getInteger("smscPort");
    assertThat(port).isPositive();
    JsonObject smpp = conf.getJsonObject("smpp");
    assertThat(smpp.getString("host")).isEqualTo("127.0.0.1");
    assertThat(smpp.getInteger("port")).isEqualTo(port);
    assertThat(smpp.getString("password")).isEqualTo("pw");
    assertThat(smpp.getInteger("windowSize")).isEqualTo(64);
  }

  @Test
  @DisplayName("a bind to a real SMSC configured in lab mode is kept, next to the simulator's")
  void keepsRealSmsc() {
    JsonObject input = lab();
    input.getJsonObject("smpp").put("host", "smsc.example").put("port", 2776).put("systemId", "me");
    JsonArray binds = LabSetup.prepare(input).getJsonObject("smpp").getJsonArray("binds");
    assertThat(binds).hasSize(2);
    assertThat(binds.getJsonObject(0).getString("name")).isEqualTo("smsc");
    assertThat(binds.getJsonObject(1).getString("name")).isEqualTo("lab");
    assertThat(binds.getJsonObject(1).getString("host")).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("production configurations are left as they are")
  void production() {
    JsonObject input = lab().put("mode", "production");
    assertThat(LabSetup.prepare(input)).isEqualTo(input);
  }

  @Test
  @DisplayName("without configured credentials the simulator gets fresh ones at each start, and the lab bind uses them")
  void generatesSimulatorCredentials() {
    JsonObject input = lab();
    input.getJsonObject("lab").remove("systemId");
    input.getJsonObject("lab").remove("password");
    JsonObject first = LabSetup.prepare(input);
    JsonObject second = LabSetup.prepare(input);
    JsonObject lab = first.getJsonObject("lab");
    assertThat(lab.getString("password")).hasSize(8).isNotEqualTo("lab-pass")
        .isNotEqualTo(second.getJsonObject("lab").getString("password"));
    assertThat(lab.getString("systemId")).isNotEqualTo("inlet")
        .isNotEqualTo(second.getJsonObject("lab").getString("systemId"));
    assertThat(first.getJsonObject("smpp").getString("systemId")).isEqualTo(lab.getString("systemId"));
    assertThat(first.getJsonObject("smpp").getString("password")).isEqualTo(lab.getString("password"));
  }

  @Test
  @DisplayName("configured simulator credentials are kept")
  void keepsSimulatorCredentials() {
    JsonObject lab = LabSetup.prepare(lab()).getJsonObject("lab");
    assertThat(lab.getString("systemId")).isEqualTo("inlet");
    assertThat(lab.getString("password")).isEqualTo("pw");
  }
}
