package dev.inlet.modem;

import dev.inlet.modem.at.AtChannel;
import dev.inlet.modem.at.AtException;
import dev.inlet.modem.at.AtLineSplitter;
import dev.inlet.modem.at.AtResponse;
import dev.inlet.modem.at.StoredPdu;
import dev.inlet.modem.at.Urc;
import dev.inlet.modem.pdu.PduDecoder;
import dev.inlet.modem.pdu.PduException;
import dev.inlet.modem.pdu.Tpdu;
import dev.inlet.modem.serial.SerialLink;
import dev.inlet.shared.PhoneNumber;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One modem on one serial port, from opening it to deleting each message the router stored.
 *
 * <p>Opens the port off the event loop, runs the start-up sequence ({@code ATE0}, {@code AT+CMEE=1},
 * {@code AT+CMGF=0}, {@code AT+CPMS}, {@code AT+CNMI}, {@code AT+CCID}, {@code AT+CSQ}, {@code AT+CREG?},
 * {@code AT+CNUM} when the number is not configured), then reads each message a {@code +CMTI} announces
 * ({@code AT+CMGR}) and lists the storage ({@code AT+CMGL=4}) at start and every {@code listIntervalMs}. A
 * message is deleted ({@code AT+CMGD}) only once {@link ReceivedMessages} says it is durably held; until then it
 * stays on the SIM and is read again. At most {@code inFlightPerPort} messages of this port wait for the router
 * at once, so a flood on one port cannot crowd out the others. A port that disappears, or a modem that stops
 * answering ({@code maxTimeouts} timeouts in a row), is closed and opened again with backoff; while it is down
 * its number is reported unhealthy, and after {@code quarantineAfterMs} quarantined until it answers again.
 *
 * <p>Everything but the blocking I/O runs on the verticle's context. A reader thread per port does the blocking
 * reads; writes and opening go to Vert.x's worker pool.
 */
final class ModemPort {

  private static final Logger LOG = LoggerFactory.getLogger(ModemPort.class);
  private static final long EXPIRE_TICK_MS = 100;
  private static final long COALESCE_MS = 250;
  /** After the first answer, lines still coming (answers to commands the modem found in its buffer) are dropped. */
  private static final long QUIET_AFTER_WAKE_MS = 200;

  enum State { OPENING, INITIALISING, READY, UNRESPONSIVE, DISCONNECTED, NO_NUMBER, STOPPED }

  private final Vertx vertx;
  private final Context context;
  private final PortConfig config;
  private final ModemSettings settings;
  private final Function<PortConfig, SerialLink> links;
  private final ReceivedMessages messages;
  private final PortEvents events;
  private final String node;
  private final Backoff backoff;

  private State state = State.OPENING;
  private int generation;
  private SerialLink link;
  private AtChannel channel;
  private Thread reader;
  private long expireTimer = -1;
  private long listTimer = -1;
  private long statusTimer = -1;
  private long reopenTimer = -1;
  private long quarantineTimer = -1;
  private long coalesceTimer = -1;
  private int consecutiveTimeouts;

  private String number;
  private String country;
  private String iccid;
  private Integer rssi;
  private String registration;
  private Integer simUsed;
  private Integer simTotal;
  private boolean storageFull;
  private boolean quarantined;
  private String lastError;
  private Instant downSince;
  private boolean listing;
  private boolean listAgain;

  /** Indices to handle, with their PDU when a listing gave it (null: read it with AT+CMGR). */
  private final Map<Integer, StoredPdu> waiting = new LinkedHashMap<>();
  private final Set<Integer> inProgress = new HashSet<>();
  private final Set<Integer> readAgain = new HashSet<>();
  /** Undecodable PDUs left on the SIM, by index and PDU, so each is reported once. */
  private final Set<String> undecodableSeen = new HashSet<>();

  private long received;
  private long stored;
  private long deleted;
  private long statusReports;
  private long undecodable;
  private long routeFailures;
  private long reopens;
  /** Noise lines and timeouts of the connections before the current one. */
  private long noiseBefore;
  private long timeoutsBefore;

  ModemPort(Vertx vertx, Context context, PortConfig config, ModemSettings settings,
            Function<PortConfig, SerialLink> links, ReceivedMessages messages, PortEvents events,
            String node) {
    this.vertx = vertx;
    this.context = context;
    this.config = config;
    this.settings = settings;
    this.links = links;
    this.messages = messages;
    this.events = events;
    this.node = node;
    this.backoff = new Backoff(settings.reopenMinMs(), settings.reopenMaxMs());
    this.number = config.number();
    this.country = config.country();
  }

  String path() {
    return config.port();
  }

  State state() {
    return state;
  }

  void start() {
    statusTimer = vertx.setPeriodic(settings.statusIntervalMs(), id -> publish());
    connect();
  }

  Future<Void> stop() {
    state = State.STOPPED;
    for (long t : new long[] {listTimer, statusTimer, reopenTimer, quarantineTimer, coalesceTimer}) {
      if (t >= 0) {
        vertx.cancelTimer(t);
      }
    }
    publish();
    return disconnect();
  }

  // ---- connection ---------------------------------------------------------------------------

  private void connect() {
    if (state == State.STOPPED) {
      return;
    }
    int gen = ++generation;
    state = State.OPENING;
    SerialLink l = links.apply(config);
    vertx.executeBlocking(() -> {
      l.open();
      return l;
    }, false).onComplete(ar -> {
      if (gen != generation || state == State.STOPPED) {
        vertx.executeBlocking(() -> {
          l.close();
          return null;
        }, false);
        return;
      }
      if (ar.failed()) {
        down("cannot open: " + ar.cause().getMessage());
        return;
      }
      link = l;
      channel = new AtChannel(this::write, this::onUrc, System::currentTimeMillis);
      consecutiveTimeouts = 0;
      startReader(gen, l);
      expireTimer = vertx.setPeriodic(EXPIRE_TICK_MS, id -> {
        if (channel != null) {
          channel.expire();
        }
      });
      state = State.INITIALISING;
      publish();
      initialise(gen);
    });
  }

  private void startReader(int gen, SerialLink l) {
    AtLineSplitter splitter = new AtLineSplitter();
    reader = new Thread(() -> {
      byte[] buffer = new byte[4096];
      while (true) {
        int n;
        try {
          n = l.read(buffer);
        } catch (Exception e) {
          n = -1;
        }
        if (n < 0 || l.disconnected()) {
          context.runOnContext(v -> lost(gen, "the port disappeared"));
          return;
        }
        if (n > 0) {
          List<String> lines = splitter.feed(buffer, n);
          if (!lines.isEmpty()) {
            context.runOnContext(v -> {
              if (gen == generation && channel != null) {
                lines.forEach(channel::onLine);
              }
            });
          }
        }
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }, "inlet-modem-" + config.port());
    reader.setDaemon(true);
    reader.start();
  }

  private void write(String command) {
    SerialLink l = link;
    int gen = generation;
    byte[] bytes = (command + "\r").getBytes(StandardCharsets.US_ASCII);
    vertx.executeBlocking(() -> {
      l.write(bytes);
      return null;
    }, false).onFailure(e -> lost(gen, "write failed: " + e.getMessage()));
  }

  /** Closes the link of the current generation (the reader thread ends with it). */
  private Future<Void> disconnect() {
    generation++;
    if (expireTimer >= 0) {
      vertx.cancelTimer(expireTimer);
      expireTimer = -1;
    }
    if (listTimer >= 0) {
      vertx.cancelTimer(listTimer);
      listTimer = -1;
    }
    if (channel != null) {
      AtChannel c = channel;
      channel = null;
      noiseBefore += c.noise();
      timeoutsBefore += c.timeouts();
      c.close();
    }
    waiting.clear();
    inProgress.clear();
    readAgain.clear();
    listing = false;
    SerialLink l = link;
    Thread t = reader;
    link = null;
    reader = null;
    if (l == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      l.close();
      if (t != null) {
        t.interrupt();
        t.join(2000);
      }
      return null;
    }, false).mapEmpty();
  }

  private void lost(int gen, String reason) {
    if (gen != generation || state == State.STOPPED) {
      return;
    }
    LOG.warn("[{}] {}: closing it, opening it again with backoff", config.port(), reason);
    disconnect().onComplete(v -> down(reason));
  }

  /** The port is not usable: report it, quarantine the number if it stays down, try again later. */
  private void down(String reason) {
    if (state == State.STOPPED) {
      return;
    }
    lastError = reason;
    if (state != State.UNRESPONSIVE) {
      state = State.DISCONNECTED;
    }
    if (downSince == null) {
      downSince = Instant.now();
      scheduleQuarantine();
    }
    publish();
    long delay = backoff.nextDelayMs();
    LOG.info("[{}] {}; next attempt in {} ms", config.port(), reason, delay);
    reopenTimer = vertx.setTimer(delay, id -> {
      reopenTimer = -1;
      reopens++;
      connect();
    });
  }

  private void scheduleQuarantine() {
    if (quarantineTimer >= 0) {
      vertx.cancelTimer(quarantineTimer);
    }
    quarantineTimer = vertx.setTimer(Math.max(1, settings.quarantineAfterMs()), id -> {
      quarantineTimer = -1;
      if (downSince != null && number != null && !quarantined && state != State.STOPPED) {
        quarantined = true;
        events.numberDown(config.port(), number, "modem port " + config.port() + " down since " + downSince
                + ": " + lastError)
            .onSuccess(v -> LOG.warn("[{}] number {} quarantined: the port has been down since {}", config.port(),
                number, downSince))
            .onFailure(e -> {
              quarantined = false;
              LOG.warn("[{}] could not quarantine {}: {}", config.port(), number, e.getMessage());
            })
            .onComplete(v -> publish());
      }
    });
  }

  // ---- AT commands --------------------------------------------------------------------------

  private Future<AtResponse> at(String command) {
    return at(command, settings.commandTimeoutMs());
  }

  private Future<AtResponse> at(String command, long timeoutMs) {
    AtChannel c = channel;
    if (c == null) {
      return Future.failedFuture(new AtException(AtException.Kind.CLOSED, command, null));
    }
    int gen = generation;
    return c.send(command, timeoutMs).andThen(ar -> {
      if (gen != generation) {
        return;
      }
      if (ar.failed() && ar.cause() instanceof AtException e && e.kind() == AtException.Kind.TIMEOUT) {
        consecutiveTimeouts++;
        if (consecutiveTimeouts >= settings.maxTimeouts()) {
          hung(gen);
        } else if (!command.equals("AT") || c.pending() == 0) {
          at("AT"); // is the modem still there? another timeout counts too
        }
      } else if (ar.succeeded() || ar.cause() instanceof AtException) {
        consecutiveTimeouts = 0;
      }
      if (ar.failed() && ar.cause() instanceof AtException e && e.is(AtException.Kind.CMS, 322)) {
        storageFull = true;
      }
    });
  }

  private void hung(int gen) {
    if (gen != generation || state == State.STOPPED) {
      return;
    }
    LOG.warn("[{}] the modem stopped answering ({} commands in a row timed out): resetting the port",
        config.port(), consecutiveTimeouts);
    state = State.UNRESPONSIVE;
    lastError = "no answer to " + consecutiveTimeouts + " commands";
    disconnect().onComplete(v -> down(lastError));
  }

  /** The start-up sequence; a modem that answers nothing is reset, a modem without a number waits. */
  private void initialise(int gen) {
    awake(3)
        .compose(v -> channel == null ? Future.succeededFuture() : channel.drain(QUIET_AFTER_WAKE_MS))
        .compose(v -> at("ATE0"))
        .compose(v -> at("AT+CMEE=1"))
        .compose(v -> at("AT+CMGF=0"))
        .compose(v -> optional(at("AT+CPMS=\"SM\",\"SM\",\"SM\"").map(r -> {
          storage(r.value("+CPMS:"));
          return null;
        })))
        .compose(v -> at("AT+CNMI=2,1,0,2,0")
            .recover(e -> e instanceof AtException a && a.kind() != AtException.Kind.TIMEOUT
                ? at("AT+CNMI=2,1,0,0,0") : Future.failedFuture(e))
            .recover(e -> {
              LOG.warn("[{}] the modem refuses +CMTI notifications ({}): relying on AT+CMGL every {} ms",
                  config.port(), e.getMessage(), settings.listIntervalMs());
              return e instanceof AtException a && a.kind() == AtException.Kind.TIMEOUT
                  ? Future.failedFuture(e) : Future.succeededFuture();
            }))
        .compose(v -> optional(at("AT+CCID").map(r -> {
          iccid = iccid(r);
          return null;
        })))
        .compose(v -> refreshRadio())
        .compose(v -> number != null ? Future.succeededFuture() : optional(at("AT+CNUM").map(r -> {
          number = subscriberNumber(r);
          return null;
        })))
        .onComplete(ar -> {
          if (gen != generation || state == State.STOPPED) {
            return;
          }
          if (ar.failed()) {
            lastError = "start-up failed: " + ar.cause().getMessage();
            LOG.warn("[{}] {}", config.port(), lastError);
            if (!(ar.cause() instanceof AtException e && e.kind() == AtException.Kind.TIMEOUT && state == State.UNRESPONSIVE)) {
              disconnect().onComplete(v -> down(lastError));
            }
            return;
          }
          joinPool(gen);
        });
  }

  /** {@code AT} until the modem answers (a modem that just booted may send noise first). */
  private Future<AtResponse> awake(int attempts) {
    return at("AT").recover(e -> attempts > 1 && e instanceof AtException a && a.kind() == AtException.Kind.TIMEOUT
        && channel != null ? awake(attempts - 1) : Future.failedFuture(e));
  }

  /** A command whose failure (but a timeout) does not stop the start-up. */
  private Future<Void> optional(Future<?> command) {
    return command.<Void>mapEmpty().recover(e -> {
      if (e instanceof AtException a && (a.kind() == AtException.Kind.TIMEOUT || a.kind() == AtException.Kind.CLOSED)) {
        return Future.failedFuture(e);
      }
      LOG.info("[{}] {}", config.port(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> refreshRadio() {
    return optional(at("AT+CSQ").map(r -> {
      rssi = firstInt(r.value("+CSQ:"));
      return null;
    })).compose(v -> optional(at("AT+CREG?").map(r -> {
      registration = registration(r.value("+CREG:"));
      return null;
    })));
  }

  private void joinPool(int gen) {
    if (number == null) {
      state = State.NO_NUMBER;
      lastError = "no number: the configuration names none and the SIM answers none to AT+CNUM";
      LOG.warn("[{}] {}; messages stay on the SIM until one is configured", config.port(), lastError);
      publish();
      return;
    }
    if (country == null) {
      country = CallingCodes.country(number).orElse(null);
      if (country == null) {
        state = State.NO_NUMBER;
        lastError = "no country known for " + number + ": set \"country\" in its modem.ports entry";
        LOG.warn("[{}] {}", config.port(), lastError);
        publish();
        return;
      }
    }
    events.numberUp(config.port(), number, country).onComplete(ar -> {
      if (gen != generation || state == State.STOPPED) {
        return;
      }
      if (ar.failed()) {
        lastError = "could not add " + number + " to the pool: " + ar.cause().getMessage();
        LOG.warn("[{}] {}", config.port(), lastError);
        disconnect().onComplete(v -> down(lastError));
        return;
      }
      if (quarantined) {
        LOG.info("[{}] the port answers again: {} is back from quarantine", config.port(), number);
      }
      quarantined = false;
      downSince = null;
      if (quarantineTimer >= 0) {
        vertx.cancelTimer(quarantineTimer);
        quarantineTimer = -1;
      }
      backoff.reset();
      state = State.READY;
      lastError = null;
      LOG.info("[{}] ready: {} ({}), ICCID {}, signal {}, registration {}", config.port(), number, country, iccid,
          rssi, registration);
      publish();
      list();
      listTimer = vertx.setPeriodic(settings.listIntervalMs(), id -> {
        list();
        refreshRadio();
      });
    });
  }

  // ---- receiving ----------------------------------------------------------------------------

  private void onUrc(Urc urc) {
    int index = urc.storedIndex();
    if (index >= 0) {
      if (state != State.READY) {
        return; // the listing after start-up finds it
      }
      if (inProgress.contains(index)) {
        readAgain.add(index);
      } else {
        waiting.putIfAbsent(index, null);
        pump();
      }
    } else if (urc.line().startsWith("+CDS:")) {
      statusReports++;
      changed();
      LOG.info("[{}] status report (not stored on the SIM): {}", config.port(), urc.pdu());
    } else if (urc.line().startsWith("+CMT:")) {
      LOG.warn("[{}] the modem delivered an SMS directly (+CMT) despite AT+CNMI=2,1: it is not on the SIM and the"
          + " network expects AT+CNMA; it is handed on without deletion", config.port());
      handleDirect(urc.pdu());
    } else if (urc.line().startsWith("+CREG:")) {
      registration = registration(urc.line().substring(6));
      publish();
    }
  }

  /** Lists the storage (at start, on the timer, when it was full); messages found are handled in index order. */
  private void list() {
    if (state != State.READY) {
      return;
    }
    if (listing) {
      listAgain = true;
      return;
    }
    listing = true;
    int gen = generation;
    optional(at("AT+CPMS?").map(r -> {
      storage(r.value("+CPMS:"));
      return null;
    })).compose(v -> at("AT+CMGL=4", settings.commandTimeoutMs() * 4)).onComplete(ar -> {
      if (gen != generation) {
        return;
      }
      listing = false;
      if (ar.succeeded()) {
        List<String> problems = new ArrayList<>();
        for (StoredPdu p : StoredPdu.listing(ar.result(), problems)) {
          if (p.received() && !inProgress.contains(p.index())) {
            waiting.put(p.index(), p);
          }
        }
        problems.forEach(p -> LOG.warn("[{}] {}", config.port(), p));
        pump();
      } else {
        LOG.warn("[{}] listing stored messages failed: {}", config.port(), ar.cause().getMessage());
      }
      if (listAgain) {
        listAgain = false;
        list();
      }
    });
  }

  /** Starts handling waiting messages while fewer than {@code inFlightPerPort} are in progress. */
  private void pump() {
    while (inProgress.size() < settings.inFlightPerPort() && !waiting.isEmpty() && state == State.READY) {
      Map.Entry<Integer, StoredPdu> next = waiting.entrySet().iterator().next();
      waiting.remove(next.getKey());
      int index = next.getKey();
      inProgress.add(index);
      Future<StoredPdu> pdu = next.getValue() != null ? Future.succeededFuture(next.getValue())
          : at("AT+CMGR=" + index).map(r -> StoredPdu.read(index, r));
      int gen = generation;
      pdu.compose(this::handle).onComplete(ar -> {
        if (gen != generation) {
          return;
        }
        if (ar.failed()) {
          LOG.warn("[{}] message {} stays on the SIM: {}", config.port(), index, ar.cause().getMessage());
        }
        changed();
        inProgress.remove(index);
        if (readAgain.remove(index)) {
          waiting.putIfAbsent(index, null);
        }
        if (storageFull && inProgress.isEmpty() && waiting.isEmpty()) {
          storageFull = false;
          list(); // the network held messages back while the SIM was full
        }
        pump();
      });
    }
  }

  private Future<Void> handle(StoredPdu p) {
    if (p == null || !p.received()) {
      return Future.succeededFuture(); // an empty slot, or a draft: nothing to do
    }
    Tpdu tpdu;
    try {
      tpdu = PduDecoder.decodeHex(p.pdu());
    } catch (PduException e) {
      if (undecodableSeen.add(p.index() + ":" + p.pdu())) {
        undecodable++;
        lastError = "undecodable PDU at index " + p.index() + ": " + e.getMessage();
        LOG.warn("[{}] message {} cannot be decoded, left on the SIM: {} (PDU {})", config.port(), p.index(),
            e.getMessage(), p.pdu());
        publish();
      }
      return Future.succeededFuture();
    }
    if (tpdu instanceof Tpdu.StatusReport report) {
      LOG.info("[{}] status report for message reference {} to {}: status 0x{} (stored apart, not a message)",
          config.port(), report.messageReference(), report.recipient().value(), Integer.toHexString(report.status()));
      return messages.acceptReport(identity(), p, report)
          .onFailure(e -> routeFailures++)
          .compose(v -> {
            statusReports++;
            return delete(p.index());
          });
    }
    received++;
    Tpdu.SmsDeliver sms = (Tpdu.SmsDeliver) tpdu;
    return messages.accept(identity(), p, sms)
        .onFailure(e -> routeFailures++)
        .compose(v -> {
          stored++;
          return delete(p.index());
        });
  }

  private void handleDirect(String pdu) {
    if (pdu == null || number == null) {
      return;
    }
    try {
      Tpdu tpdu = PduDecoder.decodeHex(pdu);
      if (tpdu instanceof Tpdu.SmsDeliver sms) {
        received++;
        messages.accept(identity(), new StoredPdu(-1, 0, pdu), sms)
            .onSuccess(v -> {
              stored++;
              changed();
            })
            .onFailure(e -> {
              routeFailures++;
              LOG.warn("[{}] a +CMT message could not be stored: {} (PDU {})", config.port(), e.getMessage(), pdu);
            });
      }
    } catch (PduException e) {
      undecodable++;
      LOG.warn("[{}] undecodable +CMT PDU: {} (PDU {})", config.port(), e.getMessage(), pdu);
    }
  }

  private Future<Void> delete(int index) {
    return at("AT+CMGD=" + index).<Void>mapEmpty().onSuccess(v -> deleted++);
  }

  private ReceivedMessages.PortIdentity identity() {
    return new ReceivedMessages.PortIdentity(config.port(), number, iccid);
  }

  // ---- status -------------------------------------------------------------------------------

  JsonObject status() {
    JsonObject s = new JsonObject()
        .put("id", "modem:" + config.port())
        .put("state", state.name())
        .put("node", node)
        .put("updatedAt", Instant.now().toString())
        .put("port", config.port())
        .put("number", number)
        .put("country", country)
        .put("iccid", iccid)
        .put("signalRssi", rssi)
        .put("signalDbm", rssi == null || rssi == 99 ? null : -113 + 2 * rssi)
        .put("registration", registration)
        .put("simUsed", simUsed)
        .put("simTotal", simTotal)
        .put("storageFull", storageFull)
        .put("healthy", state == State.READY)
        .put("quarantined", quarantined)
        .put("downSince", downSince == null ? null : downSince.toString())
        .put("received", received)
        .put("stored", stored)
        .put("deleted", deleted)
        .put("statusReports", statusReports)
        .put("undecodable", undecodable)
        .put("routeFailures", routeFailures)
        .put("waiting", waiting.size() + inProgress.size())
        .put("reopens", reopens)
        .put("timeouts", timeoutsBefore + (channel == null ? 0 : channel.timeouts()))
        .put("noiseLines", noiseBefore + (channel == null ? 0 : channel.noise()))
        .put("lastError", lastError);
    return s;
  }

  /** Publishes the status now (a change of state). */
  private void publish() {
    if (coalesceTimer >= 0) {
      vertx.cancelTimer(coalesceTimer);
      coalesceTimer = -1;
    }
    events.status(status());
  }

  /** A counter changed: publishes within {@link #COALESCE_MS}, once for all changes meanwhile (floods stay cheap). */
  private void changed() {
    if (coalesceTimer < 0 && state != State.STOPPED) {
      coalesceTimer = vertx.setTimer(COALESCE_MS, id -> {
        coalesceTimer = -1;
        events.status(status());
      });
    }
  }

  // ---- response fields ----------------------------------------------------------------------

  private void storage(String cpms) {
    // +CPMS: "SM",3,30,"SM",3,30,"SM",3,30 (query) or +CPMS: 3,30,3,30,3,30 (set)
    if (cpms == null) {
      return;
    }
    List<Integer> numbers = new ArrayList<>();
    for (String f : cpms.split(",")) {
      try {
        numbers.add(Integer.parseInt(f.strip()));
      } catch (NumberFormatException e) {
        // a storage name
      }
    }
    if (numbers.size() >= 2) {
      simUsed = numbers.get(0);
      simTotal = numbers.get(1);
      boolean full = simTotal > 0 && simUsed >= simTotal;
      if (full && !storageFull) {
        LOG.warn("[{}] SIM storage full ({} of {}): the network holds new messages until some are deleted",
            config.port(), simUsed, simTotal);
      }
      storageFull = full;
    }
  }

  static String iccid(AtResponse r) {
    for (String line : r.lines()) {
      String v = line.replaceFirst("^\\+?(CCID|ICCID|QCCID):", "").replace("\"", "").strip();
      if (v.matches("[0-9A-Fa-f]{18,22}")) {
        return v.toUpperCase();
      }
    }
    return null;
  }

  static String subscriberNumber(AtResponse r) {
    // +CNUM: "Own number","+4915112345678",145
    String v = r.value("+CNUM:");
    if (v == null) {
      return null;
    }
    String[] f = v.split(",");
    if (f.length < 2) {
      return null;
    }
    String digits = f[1].replace("\"", "").strip();
    int type = f.length > 2 ? firstIntOr(f[2], 129) : 129;
    String e164 = digits.startsWith("+") ? digits : type == 145 ? "+" + digits : null;
    return PhoneNumber.isE164(e164) ? e164 : null;
  }

  private static String registration(String creg) {
    if (creg == null) {
      return null;
    }
    String[] f = creg.split(",");
    String stat = f.length >= 2 ? f[1].strip() : f[0].strip();
    return switch (stat) {
      case "0" -> "not registered";
      case "1" -> "home";
      case "2" -> "searching";
      case "3" -> "denied";
      case "5" -> "roaming";
      default -> "unknown";
    };
  }

  private static Integer firstInt(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Integer.parseInt(s.split(",")[0].strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int firstIntOr(String s, int fallback) {
    Integer v = firstInt(s);
    return v == null ? fallback : v;
  }
}
