package dev.inlet.smsc;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain cloudhopper ESME for tests: records the deliver_sm it receives and answers them with a chosen status. */
final class TestEsme implements AutoCloseable {

  private final ExecutorService io = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "test-esme-io");
    thread.setDaemon(true);
    return thread;
  });
  private final DefaultSmppClient client = new DefaultSmppClient(io, 1);
  private final BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
  private volatile Integer answerStatus = 0;
  private SmppSession session;

  /** Answer every deliver_sm with {@code status}, or never answer when null. */
  TestEsme answering(Integer status) {
    this.answerStatus = status;
    return this;
  }

  TestEsme bind(int port, String systemId, String password) throws Exception {
    SmppSessionConfiguration configuration = new SmppSessionConfiguration(SmppBindType.RECEIVER, systemId, password);
    configuration.setName("test-esme");
    configuration.setHost("127.0.0.1");
    configuration.setPort(port);
    configuration.setBindTimeout(5_000);
    configuration.getLoggingOptions().setLogPdu(false);
    configuration.getLoggingOptions().setLogBytes(false);
    session = client.bind(configuration, new DefaultSmppSessionHandler() {
      @Override
      @SuppressWarnings("rawtypes")
      public PduResponse firePduRequestReceived(PduRequest request) {
        if (request instanceof DeliverSm deliverSm) {
          received.add(deliverSm);
          Integer status = answerStatus;
          if (status == null) {
            return null;
          }
          PduResponse response = request.createResponse();
          response.setCommandStatus(status);
          return response;
        }
        return request.createResponse();
      }
    });
    return this;
  }

  DeliverSm awaitDeliverSm(Duration timeout) throws InterruptedException {
    DeliverSm pdu = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (pdu == null) {
      throw new AssertionError("no deliver_sm within " + timeout);
    }
    return pdu;
  }

  int receivedCount() {
    return received.size();
  }

  @Override
  public void close() {
    if (session != null) {
      session.unbind(1_000);
      session.destroy();
    }
    client.destroy();
  }
}
