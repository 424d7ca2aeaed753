package dev.inlet.shared.message;

/** An SMS to inject through the lab SMSC simulator, as a carrier would deliver it. */
public record LabSms(String to, String from, String text) {
}
