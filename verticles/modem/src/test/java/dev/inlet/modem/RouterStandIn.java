package dev.inlet.modem;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The router's side of the ingest contract on one number's inbound address, as the router verticle (in another
 * module) serves it: answers an {@code SmsReceipt} when it has "stored" a message, or a failure code. Tests
 * choose the answers: fail the next ones, or hold replies until released, to see what the modem does meanwhile.
 */
final class RouterStandIn {

  private final List<InboundSms> received = new ArrayList<>();
  private final List<DeliveryReceipt> receipts = new ArrayList<>();
  private MessageConsumer<DeliveryReceipt> receiptConsumer;
  private final List<Message<InboundSms>> held = new ArrayList<>();
  private int failNext;
  private boolean holding;
  private final List<MessageConsumer<InboundSms>> consumers = new ArrayList<>();
  private final java.util.ArrayDeque<Message<InboundSms>> queue = new java.util.ArrayDeque<>();
  private Vertx vertx;
  private long serviceMs;
  private boolean serving;

  RouterStandIn serve(Vertx vertx, String number) throws Exception {
    this.vertx = vertx;
    MessageConsumer<InboundSms> consumer = vertx.eventBus().consumer(Addresses.numberInbound(number), this::arrive);
    consumer.completion().await(5, TimeUnit.SECONDS);
    consumers.add(consumer);
    return this;
  }

  /** Also stores delivery receipts (status reports) apart, as the router does on its receipts address. */
  RouterStandIn serveReceipts(Vertx vertx) throws Exception {
    MessageConsumer<DeliveryReceipt> consumer = vertx.eventBus().consumer(Addresses.ROUTER_RECEIPTS, m -> {
      synchronized (this) {
        receipts.add(m.body());
        notifyAll();
      }
      m.reply(new SmsReceipt(m.body().id(), SmsReceipt.Disposition.RECEIPT, null));
    });
    consumer.completion().await(5, TimeUnit.SECONDS);
    receiptConsumer = consumer;
    return this;
  }

  synchronized List<DeliveryReceipt> receipts() {
    return List.copyOf(receipts);
  }

  /** A router of limited capacity: stores one message at a time, each taking {@code ms}, in arrival order. */
  RouterStandIn oneAtATime(long ms) {
    this.serviceMs = ms;
    return this;
  }

  private void arrive(Message<InboundSms> m) {
    if (serviceMs <= 0) {
      onMessage(m);
      return;
    }
    queue.add(m);
    if (!serving) {
      serveNext();
    }
  }

  private void serveNext() {
    Message<InboundSms> m = queue.poll();
    serving = m != null;
    if (m != null) {
      vertx.setTimer(serviceMs, id -> {
        onMessage(m);
        serveNext();
      });
    }
  }

  private synchronized void onMessage(Message<InboundSms> m) {
    if (failNext > 0) {
      failNext--;
      m.fail(Failure.STORE_UNAVAILABLE.code(), "the store is down (test)");
      notifyAll();
      return;
    }
    received.add(m.body());
    if (holding) {
      held.add(m);
    } else {
      m.reply(receipt(m.body()));
    }
    notifyAll();
  }

  /** A part is held until its message is whole (the router's HELD); a message of its own is stored. */
  private static SmsReceipt receipt(InboundSms sms) {
    return new SmsReceipt(sms.id(), sms.segment() != null ? SmsReceipt.Disposition.HELD
        : SmsReceipt.Disposition.UNMATCHED, null);
  }

  synchronized void failNext(int n) {
    failNext = n;
  }

  synchronized void hold() {
    holding = true;
  }

  synchronized void releaseHeld() {
    holding = false;
    held.forEach(m -> m.reply(receipt(m.body())));
    held.clear();
  }

  synchronized List<InboundSms> received() {
    return List.copyOf(received);
  }

  synchronized int failuresLeft() {
    return failNext;
  }

  /** Waits until the messages received so far satisfy {@code condition}. */
  synchronized boolean await(Predicate<List<InboundSms>> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(received)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  boolean awaitCount(int n, Duration timeout) throws InterruptedException {
    return await(list -> list.size() >= n, timeout);
  }

  void stop() throws Exception {
    for (MessageConsumer<InboundSms> c : consumers) {
      c.unregister().await(5, TimeUnit.SECONDS);
    }
    if (receiptConsumer != null) {
      receiptConsumer.unregister().await(5, TimeUnit.SECONDS);
    }
  }
}
