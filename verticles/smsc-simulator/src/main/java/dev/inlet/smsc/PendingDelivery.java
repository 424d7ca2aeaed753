package dev.inlet.smsc;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.LabInjectResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One deliver_sm awaiting its deliver_sm_resp. Attached to the PDU as its reference object, so the
 * session handler finds it when the response (or the expiry) comes; settles once, on the verticle's context.
 */
final class PendingDelivery {

  private final Context context;
  private final String messageId;
  private final Promise<LabInjectResult> result = Promise.promise();
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile long sentAtNanos;

  PendingDelivery(Context context, String messageId) {
    this.context = context;
    this.messageId = messageId;
  }

  String messageId() {
    return messageId;
  }

  Future<LabInjectResult> future() {
    return result.future();
  }

  /** Called just before the deliver_sm is written. */
  void sending() {
    sentAtNanos = System.nanoTime();
  }

  /** The ESME answered, with any command_status. */
  void answered(int commandStatus, long ackedAtNanos) {
    if (settled.compareAndSet(false, true)) {
      LabInjectResult outcome = new LabInjectResult(commandStatus, messageId, sentAtNanos, ackedAtNanos);
      context.runOnContext(v -> result.complete(outcome));
    }
  }

  /** No answer will come. */
  void fail(Failure failure, String detail) {
    if (settled.compareAndSet(false, true)) {
      context.runOnContext(v -> result.fail(failure.exception("deliver_sm " + messageId + ": " + detail)));
    }
  }
}
