package dev.inlet.shared.message;

/**
 * What the simulator saw when it delivered a {@link LabSms}.
 *
 * @param commandStatus the deliver_sm_resp command_status from the bound ESME (0 = stored)
 * @param smscMessageId the simulator's id for the message
 * @param sentAtNanos   {@code System.nanoTime()} just before the deliver_sm was written (for benchmarks in one JVM)
 * @param ackedAtNanos  {@code System.nanoTime()} when the response arrived
 */
public record LabInjectResult(int commandStatus, String smscMessageId, long sentAtNanos, long ackedAtNanos) {
}
