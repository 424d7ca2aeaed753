package dev.inlet.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.inlet.smpp.JsmppSmsc;
import dev.inlet.smpp.SmppStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An aggregator (jSMPP as the ESME) pushing submit_sm to a production node that serves only the SMPP server, on
 * PostgreSQL behind a proxy the test can cut off: acknowledged once stored, a temporary error while PostgreSQL is
 * unreachable, and the retry afterwards stored once.
 */
@DisplayName("An aggregator bound to a production node's SMPP server")
class AggregatorIngestTest {

  private static final String NUMBER = "+4915112345678";
  private static final String ACCOUNT = "agg-eu";
  private static final String PASSWORD = "pw-123";

  @Test
  @DisplayName("gets ESME_ROK once stored, 0x64 while PostgreSQL is unreachable, and its retry is stored once")
  void storedOrTemporaryError() throws Exception {
    DurabilityDatabase.reset();
    int serverPort = JsmppSmsc.freePort();
    Path workDir = Files.createTempDirectory("inlet-aggregator");
    Path conf = workDir.resolve("conf.json");
    Files.writeString(conf, new JsonObject()
        .put("smpp", new JsonObject().put("routeTimeoutMs", 2000).put("server", new JsonObject()
            .put("host", "127.0.0.1").put("port", serverPort).put("accounts", new JsonArray()
                .add(new JsonObject().put("systemId", ACCOUNT).put("password", PASSWORD).put("maxBinds", 1)))))
        .put("pool", new JsonObject().put("numbers", new JsonArray()
            .add(new JsonObject().put("number", NUMBER).put("country", "DE"))))
        .encodePrettily());
    try (CuttableProxy postgres = new CuttableProxy("127.0.0.1", 5432)) {
      Map<String, String> env = new HashMap<>();
      env.put("INLET_MODE", "production");
      env.put("INLET_ROLES", "pool,router,smpp");
      env.put("INLET_STORAGE", "postgres");
      env.put("INLET_PG_URI", DurabilityDatabase.PG_URI.replace(":5432/", ":" + postgres.port() + "/"));
      env.put("INLET_REDIS_URI", DurabilityDatabase.REDIS_URI);
      try (NodeJar node = NodeJar.start(workDir, env, "--conf", conf.toString())) {
        assertThat(node.awaitLine("SMPP server for aggregators listening", 60, TimeUnit.SECONDS))
            .as(node.tail(40)).isTrue();
        SMPPSession esme = new SMPPSession();
        esme.setTransactionTimer(10_000);
        esme.connectAndBind("127.0.0.1", serverPort, new BindParameter(BindType.BIND_TRX, ACCOUNT, PASSWORD, "",
            TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        try {
          assertThat(submit(esme, "first").getMessageId()).isNotBlank();
          assertThat(DurabilityDatabase.stored(NUMBER).copiesByText()).containsEntry("first", 1);

          postgres.cutOff();
          Throwable refused = catchThrowable(() -> submit(esme, "second"));
          assertThat(refused).isInstanceOf(NegativeResponseException.class);
          assertThat(((NegativeResponseException) refused).getCommandStatus()).isEqualTo(SmppStatus.ESME_RX_T_APPN);

          postgres.restore();
          assertThat(submit(esme, "second").getMessageId()).isNotBlank();
          assertThat(DurabilityDatabase.stored(NUMBER).copiesByText())
              .containsEntry("first", 1).containsEntry("second", 1);
        } finally {
          esme.unbindAndClose();
        }
        node.terminate(30, TimeUnit.SECONDS);
      }
    }
  }

  private static SubmitSmResult submit(SMPPSession session, String text) throws Exception {
    return session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "4917099887766",
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, NUMBER.substring(1), new ESMClass(), (byte) 0,
        (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0), (byte) 0,
        text.getBytes(StandardCharsets.US_ASCII));
  }
}
