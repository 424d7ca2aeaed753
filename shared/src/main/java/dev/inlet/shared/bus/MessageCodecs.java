package dev.inlet.shared.bus;

import dev.inlet.shared.message.AdminNumbersQuery;
import dev.inlet.shared.message.BlocklistChange;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.ExtendRequest;
import dev.inlet.shared.message.NumberStatusList;
import dev.inlet.shared.message.QuarantineRequest;
import dev.inlet.shared.message.HistoryQuery;
import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.RentalList;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.ReceiptList;
import dev.inlet.shared.message.ReceiptQuery;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoreHealth;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** Registers the codec of every message type, once per Vert.x instance. Verticles call it in start(). */
public final class MessageCodecs {

  /** Every record that travels on the bus. */
  public static final List<Class<?>> MESSAGE_TYPES = List.of(
      InboundSms.class, SmsReceipt.class, StoredSms.class, NumberList.class, NumbersQuery.class,
      RentRequest.class, Rental.class, RentalEvent.class, SessionQuery.class, ExtendRequest.class,
      HistoryQuery.class, RentalList.class, NumberImport.class, ImportResult.class,
      WsToken.class, StoreHealth.class, InboxQuery.class, MessageList.class, LabSms.class, LabInjectResult.class,
      AdminNumbersQuery.class, NumberStatusList.class, QuarantineRequest.class, BlocklistChange.class,

      DeliveryReceipt.class, ReceiptQuery.class, ReceiptList.class, Settled.class);

  private static final Map<Vertx, Boolean> REGISTERED = new WeakHashMap<>();

  private MessageCodecs() {
  }

  public static synchronized void register(Vertx vertx) {
    if (REGISTERED.containsKey(vertx)) {
      return;
    }
    EventBus bus = vertx.eventBus();
    for (Class<?> type : MESSAGE_TYPES) {
      registerOne(bus, type);
    }
    REGISTERED.put(vertx, Boolean.TRUE);
  }

  private static <T> void registerOne(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new JsonRecordCodec<>(type));
  }
}
