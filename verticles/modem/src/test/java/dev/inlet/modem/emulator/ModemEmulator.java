package dev.inlet.modem.emulator;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A GSM modem as seen over its serial port, for tests: answers the AT commands Inlet sends (27.005/27.007 in PDU
 * mode), stores delivered PDUs in a SIM of {@code capacity} slots and raises {@code +CMTI}, holds messages back
 * while the SIM is full (as the network does), and can misbehave on request: keep echo on, send garbage,
 * interleave URCs with responses, answer errors, stop answering for a number of commands, or disappear (with
 * its {@link PtyPair}). Every method is safe from any thread; the {@code await...} methods wait on the
 * emulator's own state changes (no sleeps).
 */
public final class ModemEmulator implements AutoCloseable {

  private final String emulatorPath;
  private final TreeMap<Integer, Slot> sim = new TreeMap<>();
  private final Deque<String> network = new ArrayDeque<>();
  private final List<String> commands = new ArrayList<>();
  private final List<Script> scripts = new ArrayList<>();
  private int capacity;
  private String number;
  private String iccid = "8949226180000000001";
  private boolean echo = true;
  private boolean stubbornEcho;
  private boolean notify;
  private int ignoreNext;
  private long deleted;
  private SerialPort port;
  private Thread reader;
  private volatile boolean closed;

  private record Slot(String pdu, int status, long announcedNanos) {
    Slot(String pdu, int status) {
      this(pdu, status, System.nanoTime());
    }

    Slot read() {
      return new Slot(pdu, 1, announcedNanos);
    }
  }

  /** Nanoseconds from each message's +CMTI (or preload) to its AT+CMGD, in deletion order. */
  private final List<Long> cycleNanos = new ArrayList<>();
  private long lastDeletionNanos;

  private record Script(String prefix, Function<String, String> reply, int[] remaining) {
  }

  public ModemEmulator(String emulatorPath, int capacity, String number) {
    this.emulatorPath = emulatorPath;
    this.capacity = capacity;
    this.number = number;
  }

  /** Opens the emulator's side of the pty pair and starts answering. */
  public synchronized ModemEmulator attach() throws IOException {
    SerialPort p = SerialPort.getCommPort(emulatorPath);
    p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
    if (!p.openPort()) {
      throw new IOException("emulator cannot open " + emulatorPath);
    }
    port = p;
    closed = false;
    reader = new Thread(() -> readLoop(p), "modem-emulator-" + emulatorPath);
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  // ---- what the SIM and the network do -------------------------------------------------------

  /** The network delivers an SMS: stored and announced with +CMTI when there is room, else held back. */
  public synchronized void deliver(String pdu) {
    network.add(pdu);
    storeFromNetwork();
  }

  /** A message already on the SIM before Inlet looked (its +CMTI was lost). */
  public synchronized void preload(String pdu) {
    sim.put(freeIndex(), new Slot(pdu, 0));
    notifyAll();
  }

  private void storeFromNetwork() {
    while (!network.isEmpty() && sim.size() < capacity) {
      int index = freeIndex();
      sim.put(index, new Slot(network.poll(), 0));
      if (notify) {
        send("\r\n+CMTI: \"SM\"," + index + "\r\n");
      }
    }
    notifyAll();
  }

  private int freeIndex() {
    int i = 1;
    while (sim.containsKey(i)) {
      i++;
    }
    return i;
  }

  // ---- misbehaviour -------------------------------------------------------------------------

  /** Firmware that keeps echoing whatever ATE0 says. */
  public synchronized ModemEmulator stubbornEcho() {
    stubbornEcho = true;
    return this;
  }

  /** Answers the next {@code count} commands with nothing at all. */
  public synchronized void ignoreNext(int count) {
    ignoreNext = count;
  }

  /** Bytes on the line that belong to no response (boot noise, a glitch). */
  public void garbage(byte[] bytes) {
    write(bytes);
  }

  /**
   * Answers the next {@code times} commands starting with {@code prefix} with {@code reply.apply(command)} (the
   * raw bytes to send, CR LF included) instead of the usual answer.
   */
  public synchronized void script(String prefix, int times, Function<String, String> reply) {
    scripts.add(new Script(prefix.toUpperCase(Locale.ROOT), reply, new int[] {times}));
  }

  public synchronized void number(String n) {
    number = n;
  }

  public synchronized void iccid(String id) {
    iccid = id;
  }

  // ---- what tests look at -------------------------------------------------------------------

  public synchronized int stored() {
    return sim.size();
  }

  public synchronized int heldByNetwork() {
    return network.size();
  }

  public synchronized long deleted() {
    return deleted;
  }

  /** For each deleted message, the nanoseconds from its +CMTI to its deletion (after the router stored it). */
  public synchronized List<Long> cycleNanos() {
    return List.copyOf(cycleNanos);
  }

  /** {@link System#nanoTime()} of the last deletion. */
  public synchronized long lastDeletionNanos() {
    return lastDeletionNanos;
  }

  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  /** Waits until {@code condition} (read under the emulator's lock) holds; false after {@code timeout}. */
  public synchronized boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Waits until the SIM and the network hold nothing: every message was read and deleted. */
  public boolean awaitEmpty(Duration timeout) throws InterruptedException {
    return await(() -> sim.isEmpty() && network.isEmpty(), timeout);
  }

  /** Waits until a command starting with {@code prefix} has been received {@code count} times in all. */
  public boolean awaitCommand(String prefix, int count, Duration timeout) throws InterruptedException {
    return await(() -> commands.stream().filter(c -> c.toUpperCase(Locale.ROOT).startsWith(prefix)).count() >= count,
        timeout);
  }

  // ---- the serial line ----------------------------------------------------------------------

  private void readLoop(SerialPort p) {
    byte[] buffer = new byte[1024];
    StringBuilder line = new StringBuilder();
    while (!closed) {
      int n = p.readBytes(buffer, buffer.length);
      if (n < 0) {
        synchronized (this) {
          notifyAll();
        }
        return; // the pty vanished
      }
      for (int i = 0; i < n; i++) {
        char c = (char) (buffer[i] & 0xFF);
        if (c == '\r' || c == '\n') {
          if (!line.isEmpty()) {
            String command = line.toString();
            line.setLength(0);
            answer(command);
          }
        } else {
          line.append(c);
        }
      }
    }
  }

  private synchronized void answer(String command) {
    commands.add(command);
    notifyAll();
    if (echo || stubbornEcho) {
      send(command + "\r");
    }
    if (ignoreNext > 0) {
      ignoreNext--;
      return;
    }
    String upper = command.toUpperCase(Locale.ROOT);
    for (Script s : scripts) {
      if (s.remaining()[0] > 0 && upper.startsWith(s.prefix())) {
        s.remaining()[0]--;
        send(s.reply().apply(command));
        return;
      }
    }
    send(respond(upper));
  }

  private String respond(String c) {
    if (c.equals("AT") || c.equals("AT+CMEE=1") || c.equals("AT+CMGF=0")) {
      return ok();
    }
    if (c.equals("ATE0")) {
      echo = false;
      return ok();
    }
    if (c.startsWith("AT+CNMI=")) {
      notify = c.startsWith("AT+CNMI=2,1");
      return ok();
    }
    if (c.startsWith("AT+CPMS=")) {
      return "\r\n+CPMS: " + sim.size() + "," + capacity + "," + sim.size() + "," + capacity + "," + sim.size() + ","
          + capacity + "\r\n" + ok();
    }
    if (c.equals("AT+CPMS?")) {
      String s = "\"SM\"," + sim.size() + "," + capacity;
      return "\r\n+CPMS: " + s + "," + s + "," + s + "\r\n" + ok();
    }
    if (c.equals("AT+CCID")) {
      return "\r\n+CCID: " + iccid + "\r\n" + ok();
    }
    if (c.equals("AT+CSQ")) {
      return "\r\n+CSQ: 21,99\r\n" + ok();
    }
    if (c.equals("AT+CREG?")) {
      return "\r\n+CREG: 0,1\r\n" + ok();
    }
    if (c.equals("AT+CNUM")) {
      return number == null ? ok() : "\r\n+CNUM: \"\",\"" + number + "\",145\r\n" + ok();
    }
    if (c.startsWith("AT+CMGL=")) {
      StringBuilder out = new StringBuilder();
      sim.forEach((index, slot) -> out.append("\r\n+CMGL: ").append(index).append(',').append(slot.status())
          .append(",,").append(tpduLength(slot.pdu())).append("\r\n").append(slot.pdu()));
      sim.replaceAll((index, slot) -> slot.read());
      return out + "\r\n" + ok();
    }
    if (c.startsWith("AT+CMGR=")) {
      int index = Integer.parseInt(c.substring(8).strip());
      Slot slot = sim.get(index);
      if (slot == null) {
        return "\r\n+CMS ERROR: 321\r\n";
      }
      sim.put(index, slot.read());
      return "\r\n+CMGR: " + slot.status() + ",," + tpduLength(slot.pdu()) + "\r\n" + slot.pdu() + "\r\n" + ok();
    }
    if (c.startsWith("AT+CMGD=")) {
      int index = Integer.parseInt(c.substring(8).split(",")[0].strip());
      Slot removed = sim.remove(index);
      if (removed != null) {
        deleted++;
        lastDeletionNanos = System.nanoTime();
        cycleNanos.add(lastDeletionNanos - removed.announcedNanos());
      }
      String answer = ok();
      send(answer);
      storeFromNetwork();
      return "";
    }
    return "\r\nERROR\r\n";
  }

  private static String ok() {
    return "\r\nOK\r\n";
  }

  /** The length +CMGL and +CMGR give: the TPDU's octets, without the SMSC address. */
  static int tpduLength(String pdu) {
    int scaOctets = Integer.parseInt(pdu.substring(0, 2), 16);
    return pdu.length() / 2 - 1 - scaOctets;
  }

  private void send(String text) {
    if (!text.isEmpty()) {
      write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private synchronized void write(byte[] bytes) {
    SerialPort p = port;
    if (p != null && !closed) {
      p.writeBytes(bytes, bytes.length);
    }
  }

  /** Closes the emulator's side (the SIM's content stays, for {@link #attach()} after a replug). */
  @Override
  public void close() throws InterruptedException {
    SerialPort p;
    Thread t;
    synchronized (this) {
      closed = true;
      p = port;
      t = reader;
      port = null;
    }
    if (t != null) {
      t.join(2000);
    }
    if (p != null) {
      p.closePort();
    }
  }
}
