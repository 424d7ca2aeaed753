package dev.inlet.modem.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortDataListener;
import java.io.IOException;

/**
 * A serial port through jSerialComm: 8N1 at the configured speed, reads that return as soon as bytes arrive (or
 * after {@link #READ_TIMEOUT_MS}), a listener for {@code LISTENING_EVENT_PORT_DISCONNECTED}. It opens any path
 * the OS opens, a pty or a socat link included (jSerialComm does not list ptys, but opens them).
 */
public final class JSerialCommLink implements SerialLink {

  static final int READ_TIMEOUT_MS = 200;
  private static final int WRITE_TIMEOUT_MS = 2000;

  private final String path;
  private final int baud;
  private SerialPort port;
  private volatile boolean disconnected;

  public JSerialCommLink(String path, int baud) {
    this.path = path;
    this.baud = baud;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public void open() throws IOException {
    disconnected = false;
    SerialPort p;
    try {
      p = SerialPort.getCommPort(path);
    } catch (RuntimeException e) {
      throw new IOException("no serial port at " + path + ": " + e.getMessage(), e);
    }
    p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
    if (!p.openPort()) {
      throw new IOException("cannot open " + path + " (error " + p.getLastErrorCode() + " at "
          + p.getLastErrorLocation() + ")");
    }
    p.addDataListener(new SerialPortDataListener() {
      @Override
      public int getListeningEvents() {
        return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
      }

      @Override
      public void serialEvent(SerialPortEvent event) {
        if (event.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) {
          disconnected = true;
        }
      }
    });
    port = p;
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    SerialPort p = port;
    if (p == null || disconnected) {
      return -1;
    }
    int n = p.readBytes(buffer, buffer.length);
    if (n < 0) {
      // an error from the driver: the device went away (a pty whose other end closed, an unplugged USB modem)
      return -1;
    }
    return n;
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    SerialPort p = port;
    if (p == null || disconnected) {
      throw new IOException(path + " is not open");
    }
    int n = p.writeBytes(bytes, bytes.length);
    if (n != bytes.length) {
      throw new IOException("wrote " + n + " of " + bytes.length + " bytes to " + path);
    }
  }

  @Override
  public boolean disconnected() {
    return disconnected;
  }

  @Override
  public void close() {
    SerialPort p = port;
    port = null;
    if (p != null) {
      p.removeDataListener();
      p.closePort();
    }
  }
}
