package dev.inlet.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jsmpp.SMPPConstant;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;

/**
 * An operator's SMSC for the durability scenario, on jSMPP (like {@code dev.inlet.smpp.JsmppSmsc}, whose
 * {@code deliver} helper the senders use), with one addition: when a bind request arrives, before it is accepted,
 * it runs a probe (here: does the node's HTTP API already answer?) and keeps the answer with the bind. That is how
 * the SMSC itself observes the node's start-up order, without relying on log timing.
 */
final class ProbingSmsc implements AutoCloseable {

  static final String SYSTEM_ID = "inlet";
  static final String PASSWORD = "secret";

  /** A bind the SMSC accepted: the session, when the request arrived and was accepted, and what the probe said. */
  record Bind(SMPPServerSession session, long requestNanos, long acceptedNanos, String probe) {
  }

  private final SMPPServerSessionListener listener;
  private final Supplier<String> probe;
  private final BlockingQueue<Bind> bound = new LinkedBlockingQueue<>();
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  ProbingSmsc(int port, Supplier<String> probe) throws IOException {
    this.listener = new SMPPServerSessionListener(port);
    this.probe = probe;
    Thread acceptor = new Thread(this::acceptLoop, "durability-smsc-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SMPPServerSession session = listener.accept();
        session.setTransactionTimer(10_000);
        sessions.add(session);
        Thread binder = new Thread(() -> acceptBind(session), "durability-smsc-bind");
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
      long requested = System.nanoTime();
      if (SYSTEM_ID.equals(request.getSystemId()) && PASSWORD.equals(request.getPassword())) {
        String probed = probe.get();
        request.accept("durability-smsc");
        bound.add(new Bind(session, requested, System.nanoTime(), probed));
      } else {
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
      }
    } catch (Exception e) {
      session.close();
    }
  }

  /** The next bind an ESME made, waiting for it at most {@code timeout}. */
  Bind awaitBind(Duration timeout) throws InterruptedException {
    Bind bind = bound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (bind == null) {
      throw new AssertionError("no ESME bound within " + timeout);
    }
    return bind;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    sessions.forEach(SMPPServerSession::close);
  }
}
