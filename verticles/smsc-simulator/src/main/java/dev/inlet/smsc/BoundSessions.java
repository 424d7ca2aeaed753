package dev.inlet.smsc;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ESME sessions bound to the simulator, safe to use from any thread. Deliveries go round robin
 * to the sessions that can receive (receiver and transceiver binds).
 */
public final class BoundSessions<S extends SmppSession> {

  private final List<S> sessions = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  public void add(S session) {
    sessions.add(session);
  }

  public void remove(S session) {
    sessions.remove(session);
  }

  /** Every session, bound or not yet removed. */
  public List<S> all() {
    return List.copyOf(sessions);
  }

  /** The next session that can receive a deliver_sm, or empty when none is bound. */
  public Optional<S> nextReceiver() {
    List<S> snapshot = List.copyOf(sessions);
    int size = snapshot.size();
    for (int i = 0; i < size; i++) {
      S candidate = snapshot.get(Math.floorMod(next.getAndIncrement(), size));
      if (canReceive(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean canReceive(SmppSession session) {
    // not isBound(): cloudhopper marks a server session bound only after writing the bind_resp, so an
    // ESME may already be waiting for deliver_sm while its session still says "binding"
    SmppBindType type = session.getBindType();
    return !session.isUnbinding() && !session.isClosed()
        && (type == SmppBindType.RECEIVER || type == SmppBindType.TRANSCEIVER);
  }
}
