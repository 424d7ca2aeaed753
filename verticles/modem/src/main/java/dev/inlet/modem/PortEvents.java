package dev.inlet.modem;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** What a port tells the rest of the node: its status, and when its number becomes usable or not. */
interface PortEvents {

  /** The port's status changed (or is republished): one JSON object, {@code id} unique per port. */
  void status(JsonObject status);

  /** The port answers and its SIM's number is known: add it to the pool, return it from a modem quarantine. */
  Future<Void> numberUp(String port, String number, String country);

  /** The port has been down for {@code modem.quarantineAfterMs}: quarantine its number. */
  Future<Void> numberDown(String port, String number, String reason);
}
