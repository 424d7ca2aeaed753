package dev.inlet.smsc;

import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.type.SmppProcessingException;
import dev.inlet.shared.bus.Failure;
import io.vertx.core.WorkerExecutor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the binds whose system_id and password match the configuration and keeps track of the
 * bound sessions; when one goes away, the deliveries still awaiting its answer fail at once.
 */
final class SimulatorServerHandler implements SmppServerHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorServerHandler.class);

  private final SimulatorSettings settings;
  private final WorkerExecutor blocking;
  private final BoundSessions<SmppServerSession> bound;
  private final Supplier<String> messageIds;

  SimulatorServerHandler(SimulatorSettings settings, WorkerExecutor blocking,
                         BoundSessions<SmppServerSession> bound, Supplier<String> messageIds) {
    this.settings = settings;
    this.blocking = blocking;
    this.bound = bound;
    this.messageIds = messageIds;
  }

  @Override
  public void sessionBindRequested(Long sessionId, SmppSessionConfiguration configuration, BaseBind bindRequest)
      throws SmppProcessingException {
    if (!settings.systemId().equals(bindRequest.getSystemId())) {
      LOG.warn("refused a bind from system_id '{}': unknown system_id", bindRequest.getSystemId());
      throw new SmppProcessingException(SmppConstants.STATUS_BINDFAIL);
    }
    if (!settings.password().equals(bindRequest.getPassword())) {
      LOG.warn("refused a bind from system_id '{}': wrong password", bindRequest.getSystemId());
      throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
    }
    configuration.setName("inlet-smsc-session-" + sessionId);
    configuration.getLoggingOptions().setLogPdu(false);
    configuration.getLoggingOptions().setLogBytes(false);
  }

  @Override
  public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
    bound.add(session);
    session.serverReady(new EsmeSessionHandler(session, blocking, bound, messageIds));
    LOG.info("ESME '{}' bound to the lab SMSC as {}", session.getConfiguration().getSystemId(), session.getBindType());
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void sessionDestroyed(Long sessionId, SmppServerSession session) {
    bound.remove(session);
    for (WindowFuture<Integer, PduRequest, PduResponse> waiting
        : session.getSendWindow().createSortedSnapshot().values()) {
      if (waiting.getRequest().getReferenceObject() instanceof PendingDelivery pending) {
        pending.fail(Failure.UNAVAILABLE, "the ESME disconnected before answering");
      }
    }
    session.destroy();
    LOG.info("ESME '{}' left the lab SMSC", session.getConfiguration().getSystemId());
  }
}
