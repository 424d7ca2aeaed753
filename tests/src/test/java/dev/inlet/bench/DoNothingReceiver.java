package dev.inlet.bench;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import dev.inlet.smpp.JsmppSmsc;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jsmpp.session.SMPPServerSession;

/**
 * The baseline of SMPP benchmarks: a jSMPP SMSC bound by a cloudhopper receiver that only acknowledges (the same
 * client library and settings as Inlet's bind, and nothing else).
 */
final class DoNothingReceiver implements AutoCloseable {

  private final JsmppSmsc smsc;
  private final ScheduledThreadPoolExecutor monitor = new ScheduledThreadPoolExecutor(1);
  private final ExecutorService io = Executors.newCachedThreadPool();
  private final DefaultSmppClient client = new DefaultSmppClient(io, 1, monitor);
  private final SMPPServerSession session;

  DoNothingReceiver(int window) throws Exception {
    int port = JsmppSmsc.freePort();
    smsc = new JsmppSmsc(port);
    SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.RECEIVER,
        JsmppSmsc.SYSTEM_ID, JsmppSmsc.PASSWORD);
    config.setHost("127.0.0.1");
    config.setPort(port);
    config.setWindowSize(window);
    config.getLoggingOptions().setLogPdu(false);
    config.getLoggingOptions().setLogBytes(false);
    Thread binder = new Thread(() -> {
      try {
        client.bind(config, new DefaultSmppSessionHandler() {
          @Override
          @SuppressWarnings("rawtypes")
          public PduResponse firePduRequestReceived(PduRequest request) {
            return request.createResponse();
          }
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "do-nothing-bind");
    binder.start();
    session = smsc.awaitBind(Duration.ofSeconds(10));
    binder.join(10_000);
  }

  /** The SMSC's side of the bind. */
  SMPPServerSession session() {
    return session;
  }

  @Override
  public void close() throws Exception {
    client.destroy();
    monitor.shutdownNow();
    io.shutdownNow();
    smsc.close();
  }
}
