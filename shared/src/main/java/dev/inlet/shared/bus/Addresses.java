package dev.inlet.shared.bus;

import dev.inlet.shared.PhoneNumber;

/**
 * Every event-bus address Inlet uses, declared once.
 *
 * <p>Whatever concerns one phone number travels on an address that contains its E.164 form,
 * {@code inlet.number.<E164>.<topic>}. Addresses that concern the pool as a whole, a session
 * (whose number the caller does not know yet) or the lab live under their own prefix.
 * README.md ("Event bus") lists who sends what, and the failure codes of each.
 */
public final class Addresses {

  private static final String NUMBER_PREFIX = "inlet.number.";

  private Addresses() {
  }

  // ---- per number -------------------------------------------------------------------------

  /** Request/reply, SMPP or modem verticle to router: {@code InboundSms} in, {@code SmsReceipt} out once durably stored. */
  public static String numberInbound(String e164) {
    return number(e164, "inbound");
  }

  /** Publish, router to listeners (WebSocket connections): a {@code StoredSms} that reached a session's inbox. */
  public static String numberSms(String e164) {
    return number(e164, "sms");
  }

  /** Publish, pool to listeners: a {@code RentalEvent} when a rental of this number starts or ends. */
  public static String numberRental(String e164) {
    return number(e164, "rental");
  }

  private static String number(String e164, String topic) {
    return NUMBER_PREFIX + PhoneNumber.requireE164(e164) + "." + topic;
  }

  // ---- pool -------------------------------------------------------------------------------

  /**
   * Request/reply, HTTP to pool: rent the number named in the request, or any free number of its
   * country; {@code RentRequest} in, {@code Rental} out. (Not a per-number address: the number may not
   * be in the pool, and only the pool can say so.)
   */
  public static final String POOL_RENT = "inlet.pool.rent";

  /** Request/reply, anyone to pool: the numbers that can be rented now; {@code NumbersQuery} in, {@code NumberList} out. */
  public static final String POOL_AVAILABLE = "inlet.pool.available";

  /**
   * Publish, pool to routers (and anyone who follows rentals): a {@code RentalEvent} for every rental that
   * starts, is extended or ends. Routers serve a number's inbound address while a rental holds it (and for its
   * grace), so bus registrations grow with live rentals, not with the pool.
   */
  public static final String POOL_RENTALS = "inlet.pool.rentals";

  /** Request/reply, HTTP to pool: move the expiry of a session; {@code ExtendRequest} in, {@code Rental} out. */
  public static final String POOL_EXTEND = "inlet.pool.extend";

  /** Request/reply, HTTP (admin) to pool: who held a number when; {@code HistoryQuery} in, {@code RentalList} out. */
  public static final String POOL_HISTORY = "inlet.pool.history";

  /** Request/reply, HTTP (admin) or the import command to pool: add numbers, all or nothing; {@code NumberImport} in, {@code ImportResult} out. */
  public static final String POOL_IMPORT = "inlet.pool.import";

  /** Request/reply, HTTP to pool: a session seen by its owner or by a WebSocket token; {@code SessionQuery} in, {@code Rental} out. */
  public static final String POOL_SESSION = "inlet.pool.session";

  /** Request/reply, HTTP to pool: end a session now; {@code SessionQuery} in, the ended {@code Rental} out. */
  public static final String POOL_RELEASE = "inlet.pool.release";

  /** Request/reply, HTTP to pool: a fresh short-lived WebSocket token for a session; {@code SessionQuery} in, {@code WsToken} out. */
  public static final String POOL_WS_TOKEN = "inlet.pool.ws-token";

  /** Request/reply, HTTP (admin) to pool: a page of every number with its state; {@code AdminNumbersQuery} in, {@code NumberStatusList} out. */
  public static final String POOL_NUMBERS = "inlet.pool.numbers";

  /**
   * Request/reply, HTTP (admin) to pool: quarantine a number or return it; {@code QuarantineRequest} in, the number as a
   * one-element {@code NumberStatusList} out. Fails {@code UNKNOWN_NUMBER}.
   */
  public static final String POOL_QUARANTINE = "inlet.pool.quarantine";

  /** Request/reply, HTTP (admin) to pool: a number on or off a service's blocklist; {@code BlocklistChange} in, one-element {@code NumberStatusList} out. */
  public static final String POOL_BLOCKLIST = "inlet.pool.blocklist";

  // ---- router -----------------------------------------------------------------------------

  /**
   * Request/reply, SMPP or modem verticle to router, when {@link #numberInbound} had no handlers (no live
   * rental known for the number): {@code InboundSms} in, {@code SmsReceipt} out (the store decides: a rental's
   * inbox or the unmatched archive), or {@code UNKNOWN_NUMBER} when the number is not in the pool. No handlers
   * here either means no router runs: a temporary failure.
   */
  public static final String ROUTER_UNROUTED = "inlet.router.unrouted";

  /**
   * Request/reply, SMPP verticle to router: store a delivery receipt apart from messages; {@code DeliveryReceipt} in,
   * {@code SmsReceipt} (disposition RECEIPT) out once durably stored.
   */
  public static final String ROUTER_RECEIPTS = "inlet.router.receipts";

  /** Request/reply, anyone (admin) to router: stored delivery receipts; {@code ReceiptQuery} in, {@code ReceiptList} out. */
  public static final String ROUTER_RECEIPT_LIST = "inlet.router.receipt-list";

  /**
   * Request/reply, SMPP verticle to router: which messages' acknowledgements reached the SMSC (so the same text again
   * is a new message) and which may not have; {@code Settled} in, {@code Settled} (the same) out once stored.
   */
  public static final String ROUTER_SETTLE = "inlet.router.settle";

  /** Request/reply, HTTP (readiness) to router: whether the store serves; {@code StoreHealth} in and out (the query's fields are ignored). */
  public static final String STORE_HEALTH = "inlet.store.health";

  /** Request/reply, HTTP to router: the inbox of a session; {@code InboxQuery} in, {@code MessageList} out. */
  public static final String ROUTER_INBOX = "inlet.router.inbox";

  // ---- status of sources (admin API and admin page) ---------------------------------------

  /**
   * Publish, SMPP verticles to anyone (HTTP admin API, admin page): one JSON object per bind, on every change of
   * state and every few seconds while it lives. Fields: {@code id} (the bind's name, unique in the cluster),
   * {@code state}, {@code node}, {@code updatedAt} (ISO-8601), and whatever else describes it (counters, last PDU).
   * Listeners keep the latest object per id and forget ids not heard of for a while.
   */
  public static final String STATUS_BINDS = "inlet.status.binds";

  /** Publish, modem verticles to anyone: one JSON object per modem port, shaped as in {@link #STATUS_BINDS}. */
  public static final String STATUS_MODEMS = "inlet.status.modems";

  // ---- browsers (SockJS bridge at /eventbus) ------------------------------------------------

  private static final String SESSION_PREFIX = "inlet.session.";
  private static final String FEED_SUFFIX = ".feed";

  /**
   * Publish, local to each node: HTTP verticle to the browsers bridged on that node. One session's feed as JSON
   * objects: {@code {"type":"sms","message":{...}}} (as {@code /api/messages} lists it), {@code {"type":"extended",
   * "expires_at":...}} and {@code {"type":"ended","reason":...}}. A browser may register here only with the key or
   * a token of the session.
   */
  public static String sessionFeed(String sessionId) {
    return SESSION_PREFIX + sessionId + FEED_SUFFIX;
  }

  /** A regular expression that matches exactly the {@link #sessionFeed} addresses (the bridge's outbound permission). */
  public static final String SESSION_FEED_REGEX = "inlet\\.session\\.[A-Za-z0-9_-]{1,64}\\.feed";

  /** The session id of a {@link #sessionFeed} address (ids are base64url), or null when it is not one. */
  public static String sessionOfFeed(String address) {
    if (address == null || !address.startsWith(SESSION_PREFIX) || !address.endsWith(FEED_SUFFIX)) {
      return null;
    }
    String id = address.substring(SESSION_PREFIX.length(), address.length() - FEED_SUFFIX.length());
    return id.matches("[A-Za-z0-9_-]{1,64}") ? id : null;
  }

  // ---- lab --------------------------------------------------------------------------------

  /** Request/reply, HTTP (lab mode only) to the SMSC simulator: send one deliver_sm; {@code LabSms} in, {@code LabInjectResult} out. */
  public static final String LAB_SMSC_INJECT = "inlet.lab.smsc.inject";
}
