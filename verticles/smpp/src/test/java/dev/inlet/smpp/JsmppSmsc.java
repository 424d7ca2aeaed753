package dev.inlet.smpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;

/** An SMSC for tests, written by others (jSMPP): accepts binds with the right credentials and delivers messages. */
public final class JsmppSmsc implements AutoCloseable {

  public static final String SYSTEM_ID = "inlet";
  public static final String PASSWORD = "secret";

  private final SMPPServerSessionListener listener;
  private final BlockingQueue<SMPPServerSession> bound = new LinkedBlockingQueue<>();
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public JsmppSmsc(int port) throws IOException {
    listener = new SMPPServerSessionListener(port);
    Thread acceptor = new Thread(this::acceptLoop, "jsmpp-smsc-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A new SMSC on the port of one that was just closed: the port may still be held for a moment by the old one's
   * sockets (or taken by a passing outgoing connection), so listening is tried again until {@code timeout}.
   */
  public static JsmppSmsc reopen(int port, java.time.Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return new JsmppSmsc(port);
      } catch (java.net.BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SMPPServerSession session = listener.accept();
        session.setTransactionTimer(10_000);
        sessions.add(session);
        Thread binder = new Thread(() -> acceptBind(session), "jsmpp-smsc-bind");
        binder.setDaemon(true);
        binder.start();
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void acceptBind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(5_000);
      if (SYSTEM_ID.equals(request.getSystemId()) && PASSWORD.equals(request.getPassword())) {
        request.accept("jsmpp-smsc");
        bound.add(session);
      } else {
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
      }
    } catch (Exception e) {
      session.close();
    }
  }

  /** The next session an ESME bound, waiting for it at most {@code timeout}. */
  public SMPPServerSession awaitBind(Duration timeout) throws InterruptedException {
    SMPPServerSession session = bound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (session == null) {
      throw new AssertionError("no ESME bound within " + timeout);
    }
    return session;
  }

  /** The next session an ESME bound within {@code timeout}, or null when none did. */
  public SMPPServerSession nextBind(Duration timeout) throws InterruptedException {
    return bound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Delivers one mobile-originated message; returns normally when the ESME answered ESME_ROK. */
  public static void deliver(SMPPServerSession session, String from, String to, int esmClass, int dataCoding,
                      byte[] message, OptionalParameter... tlvs) throws Exception {
    TypeOfNumber fromTon = from.chars().anyMatch(Character::isLetter)
        ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.INTERNATIONAL;
    session.deliverShortMessage("", fromTon, NumberingPlanIndicator.UNKNOWN, from,
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(esmClass), (byte) 0, (byte) 0,
        new RegisteredDelivery(0), DataCodings.newInstance((byte) dataCoding), message, tlvs);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    sessions.forEach(SMPPServerSession::close);
  }
}
