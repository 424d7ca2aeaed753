package dev.inlet.modem.serial;

import java.io.IOException;

/** A serial port, opened and used from blocking threads only (never an event loop). */
public interface SerialLink {

  /** The port's path as configured (a device, or a symlink to one). */
  String path();

  void open() throws IOException;

  /**
   * Reads what the modem sent: blocks until at least one byte arrives or a short timeout passes.
   *
   * @return the bytes read, 0 after a timeout, -1 when the port is gone
   */
  int read(byte[] buffer) throws IOException;

  void write(byte[] bytes) throws IOException;

  /** Whether the driver reported the port disconnected (it will not come back without a reopen). */
  boolean disconnected();

  void close();
}
