package dev.inlet.system;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.SmppConstants;
import dev.inlet.shared.runtime.DaemonThreads;
import dev.inlet.smpp.JsmppSmsc;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Cloudhopper's SMPP server as the SMSC (PDU logging off, its own monitor executor, sessions destroyed at the end). */
final class CloudhopperTestSmsc implements TestSmsc {

  private final int port;
  private final DefaultSmppServer server;
  private final ExecutorService io = Executors.newCachedThreadPool(new DaemonThreads("ch-test-smsc"));
  private final ScheduledThreadPoolExecutor monitor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ch-test-smsc-monitor"));
  private final BlockingQueue<SmppServerSession> bound = new LinkedBlockingQueue<>();
  private volatile SmppServerSession session;

  CloudhopperTestSmsc() throws Exception {
    port = JsmppSmsc.freePort();
    SmppServerConfiguration c = new SmppServerConfiguration();
    c.setName("cloudhopper-test-smsc");
    c.setHost("127.0.0.1");
    c.setPort(port);
    c.setSystemId("cloudhopper-smsc");
    c.setNonBlockingSocketsEnabled(true);
    c.setJmxEnabled(false);
    c.setDefaultRequestExpiryTimeout(10_000);
    c.setDefaultWindowMonitorInterval(1_000);
    server = new DefaultSmppServer(c, new SmppServerHandler() {
      @Override
      public void sessionBindRequested(Long id, SmppSessionConfiguration session, BaseBind request)
          throws com.cloudhopper.smpp.type.SmppProcessingException {
        session.getLoggingOptions().setLogPdu(false);
        session.getLoggingOptions().setLogBytes(false);
        if (!SYSTEM_ID.equals(request.getSystemId()) || !PASSWORD.equals(request.getPassword())) {
          throw new com.cloudhopper.smpp.type.SmppProcessingException(SmppConstants.STATUS_INVPASWD);
        }
      }

      @Override
      public void sessionCreated(Long id, SmppServerSession created, BaseBindResp response) {
        created.serverReady(new DefaultSmppSessionHandler());
        bound.add(created);
      }

      @Override
      public void sessionDestroyed(Long id, SmppServerSession destroyed) {
        destroyed.destroy();
      }
    }, io, monitor);
    server.start();
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void awaitBind(Duration timeout) throws Exception {
    SmppServerSession s = bound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null) {
      throw new AssertionError("no ESME bound within " + timeout);
    }
    session = s;
  }

  @Override
  public void deliver(String from, String to, int esmClass, int dataCoding, byte[] shortMessage, Tlv... tlvs)
      throws Exception {
    DeliverSm pdu = new DeliverSm();
    boolean alphanumeric = from.chars().anyMatch(Character::isLetter);
    pdu.setSourceAddress(new Address(alphanumeric ? (byte) 5 : (byte) 1, alphanumeric ? (byte) 0 : (byte) 1, from));
    pdu.setDestAddress(new Address((byte) 1, (byte) 1, to));
    pdu.setEsmClass((byte) esmClass);
    pdu.setDataCoding((byte) dataCoding);
    pdu.setShortMessage(shortMessage);
    for (Tlv t : tlvs) {
      pdu.addOptionalParameter(t);
    }
    var future = session.sendRequestPdu(pdu, 10_000, true);
    PduResponse response = future.await() && future.isSuccess() ? future.getResponse() : null;
    if (response == null) {
      throw new AssertionError("no deliver_sm_resp within 10 s");
    }
    if (response.getCommandStatus() != 0) {
      throw new Refused(response.getCommandStatus());
    }
  }

  @Override
  public void close() {
    server.destroy();
    io.shutdownNow();
    monitor.shutdownNow();
  }
}
