package dev.inlet.smpp;

import dev.inlet.shared.runtime.DaemonThreads;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An SMSC (a raw cloudhopper server) that accepts binds but never answers enquire_link. */
@ExtendWith(VertxExtension.class)
class EnquireLinkRebindTest {

  private final BlockingQueue<Long> binds = new LinkedBlockingQueue<>();
  private DefaultSmppServer smsc;
  private int port;

  @BeforeEach
  void startSilentSmsc() throws Exception {
    port = JsmppSmsc.freePort();
    SmppServerConfiguration configuration = new SmppServerConfiguration();
    configuration.setName("silent-smsc");
    configuration.setHost("127.0.0.1");
    configuration.setPort(port);
    configuration.setNonBlockingSocketsEnabled(true);
    configuration.setJmxEnabled(false);
    smsc = new DefaultSmppServer(configuration, new SmppServerHandler() {
      @Override
      public void sessionBindRequested(Long id, SmppSessionConfiguration session, BaseBind request) {
        session.getLoggingOptions().setLogPdu(false);
      }

      @Override
      public void sessionCreated(Long id, SmppServerSession session, BaseBindResp response) {
        session.serverReady(new DefaultSmppSessionHandler() {
          @Override
          @SuppressWarnings("rawtypes")
          public PduResponse firePduRequestReceived(PduRequest request) {
            return request instanceof EnquireLink ? null : request.createResponse();
          }
        });
        binds.add(id);
      }

      @Override
      public void sessionDestroyed(Long id, SmppServerSession session) {
        session.destroy();
      }
    }, Executors.newCachedThreadPool(new DaemonThreads("silent-smsc")));
    smsc.start();
  }

  @AfterEach
  void stopSmsc() {
    smsc.destroy();
  }

  @Test
  @DisplayName("when enquire_link gets no answer the verticle drops the session and binds again")
  void unansweredEnquireLinkRebinds(Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("name", "lab").put("host", "127.0.0.1").put("port", port)
        .put("systemId", "inlet").put("password", "x").put("bindType", "transceiver").put("enquireLinkSeconds", 1)
        .put("reconnectMinMs", 50).put("reconnectMaxMs", 100);
    String id = vertx.deployVerticle(new SmppVerticle(), new DeploymentOptions().setConfig(config))
        .await(5, TimeUnit.SECONDS);

    assertThat(binds.poll(5, TimeUnit.SECONDS)).as("first bind").isNotNull();
    assertThat(binds.poll(5, TimeUnit.SECONDS)).as("bind after the silent enquire_link").isNotNull();
    vertx.undeploy(id).await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("an SMSC that stops answering enquire_link is left within enquireLinkSeconds + enquireLinkTimeoutMs")
  void silentSmscNoticedInTime(Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("name", "lab").put("host", "127.0.0.1").put("port", port)
        .put("systemId", "inlet").put("password", "x").put("bindType", "receiver").put("enquireLinkSeconds", 1)
        .put("enquireLinkTimeoutMs", 500).put("reconnectMinMs", 50).put("reconnectMaxMs", 100);
    String id = vertx.deployVerticle(new SmppVerticle(), new DeploymentOptions().setConfig(config))
        .await(5, TimeUnit.SECONDS);

    Long first = binds.poll(5, TimeUnit.SECONDS);
    long firstAt = System.nanoTime();
    Long second = binds.poll(5, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstAt);

    assertThat(first).isNotNull();
    assertThat(second).as("bind after the silent enquire_link").isNotNull();
    // 1 s period + 0.5 s timeout + at most 100 ms backoff, and slack for a busy machine
    assertThat(millis).isBetween(1_400L, 3_500L);
    vertx.undeploy(id).await(5, TimeUnit.SECONDS);
  }
}
