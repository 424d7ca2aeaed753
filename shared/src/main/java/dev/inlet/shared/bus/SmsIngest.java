package dev.inlet.shared.bus;

import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.SmsReceipt;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The ingest contract, the same for every source (SMPP binds, modems, aggregator callbacks): hands an
 * {@link InboundSms} to the router serving its number and succeeds only once the router has durably
 * stored it. When nobody serves the number, asks the router's unrouted address once; its failure
 * (e.g. {@code UNKNOWN_NUMBER}, or no handlers: no router runs) is the result. A source acknowledges
 * its message upstream only when this succeeds.
 */
public final class SmsIngest {

  private final EventBus bus;
  private final DeliveryOptions options;

  public SmsIngest(EventBus bus, long routeTimeoutMs) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(routeTimeoutMs);
  }

  public Future<SmsReceipt> route(InboundSms sms) {
    return bus.<SmsReceipt>request(Addresses.numberInbound(sms.to()), sms, options)
        .recover(failure -> noHandlers(failure)
            ? bus.<SmsReceipt>request(Addresses.ROUTER_UNROUTED, sms, options)
            : Future.failedFuture(failure))
        .map(Message::body);
  }

  /** Hands a delivery receipt to a router, which stores it apart; succeeds once it is durably stored. */
  public Future<SmsReceipt> receipt(DeliveryReceipt receipt) {
    return bus.<SmsReceipt>request(Addresses.ROUTER_RECEIPTS, receipt, options).map(Message::body);
  }

  /**
   * Tells the store which of the source's acknowledgements reached it (so the same text again is a new message) and
   * which may not have (see {@code InboxStore#settle}); succeeds once stored.
   */
  public Future<Void> settle(Settled settled) {
    return bus.<Settled>request(Addresses.ROUTER_SETTLE, settled, options).mapEmpty();
  }

  private static boolean noHandlers(Throwable failure) {
    return failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
