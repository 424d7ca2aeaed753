package dev.inlet.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class InletConfigTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("a later file, then the environment, then overrides win over earlier layers")
  void layers(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path base = Files.writeString(dir.resolve("base.json"),
        "{\"mode\":\"lab\",\"roles\":[\"http\"],\"http\":{\"port\":8080,\"host\":\"0.0.0.0\"},\"pool\":{\"rentalSeconds\":600}}");
    Path extra = Files.writeString(dir.resolve("extra.json"), "{\"http\":{\"port\":9000}}");
    InletConfig.load(vertx, List.of(base.toString(), extra.toString()),
            Map.of("INLET_HTTP_PORT", "9100", "INLET_API_KEY", "k1", "INLET_ROLES", "pool, router"),
            new JsonObject().put("pool", new JsonObject().put("rentalSeconds", 60)))
        .onComplete(ctx.succeeding(conf -> ctx.verify(() -> {
          assertThat(conf.getJsonObject("http").getInteger("port")).isEqualTo(9100);
          assertThat(conf.getJsonObject("http").getString("host")).isEqualTo("0.0.0.0");
          assertThat(conf.getJsonObject("http").getJsonArray("apiKeys")).isEqualTo(new JsonArray().add("k1"));
          assertThat(conf.getJsonArray("roles")).isEqualTo(new JsonArray().add("pool").add("router"));
          assertThat(conf.getJsonObject("pool").getInteger("rentalSeconds")).isEqualTo(60);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an unknown role is refused with the list of known roles")
  void unknownRole(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path base = Files.writeString(dir.resolve("base.json"), "{\"roles\":[\"smtp\"]}");
    InletConfig.load(vertx, List.of(base.toString()), Map.of(), null)
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).hasMessageContaining("smtp").hasMessageContaining("router");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an environment variable with an invalid value is named in the error")
  void invalidEnv() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvOverrides.from(Map.of("INLET_HTTP_PORT", "eighty")))
        .hasMessageContaining("INLET_HTTP_PORT");
  }

  @Test
  @DisplayName("a verticle receives its own section with the mode and storage of the node")
  void roleSection() {
    JsonObject conf = new JsonObject().put("mode", "lab").put("storage", new JsonObject().put("kind", "embedded"))
        .put("pool", new JsonObject().put("rentalSeconds", 5));
    JsonObject pool = InletConfig.forRole(conf, Role.POOL);
    assertThat(pool.getInteger("rentalSeconds")).isEqualTo(5);
    assertThat(pool.getString("mode")).isEqualTo("lab");
    assertThat(pool.getJsonObject("storage").getString("kind")).isEqualTo("embedded");
  }
}
