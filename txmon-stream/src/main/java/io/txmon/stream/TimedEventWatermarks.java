package io.txmon.stream;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/**
 * Bounded out-of-orderness, idle after a quiet spell, over the events that have an event time: one stamped with the
 * oldest instant ({@link Long#MIN_VALUE}) has none and is no event here, neither for the bound nor for idleness. That
 * is an undated label, which has no instant until it meets its transaction ({@link LabelledTransactions}), or a
 * message that is no label: a feed of those alone must not hold the job's event time back for ever, as it would if it
 * kept the input active without ever moving its watermark.
 *
 * <p>{@link #idleUntilFirstEvent} starts idle instead of active: for an input with nothing to read at start-up (a
 * labels topic not used yet), which would otherwise hold every decision back for the idle timeout first.
 */
public final class TimedEventWatermarks<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> timed;
    private boolean idleUntilFirst;

    private TimedEventWatermarks(
            Duration outOfOrderness,
            Duration idleAfter,
            WatermarkGeneratorSupplier.Context context,
            boolean idleUntilFirst) {
        this.timed = new WatermarksWithIdleness<>(
                new BoundedOutOfOrdernessWatermarks<>(outOfOrderness), idleAfter, context.getInputActivityClock());
        this.idleUntilFirst = idleUntilFirst;
    }

    /** Active from the start: holding event time back until its first event, or the idle timeout. */
    public static <T> TimedEventWatermarks<T> activeFromStart(
            Duration outOfOrderness, Duration idleAfter, WatermarkGeneratorSupplier.Context context) {
        return new TimedEventWatermarks<>(outOfOrderness, idleAfter, context, false);
    }

    /** Idle from the start until its first event with an event time, then as {@link #activeFromStart}. */
    public static <T> TimedEventWatermarks<T> idleUntilFirstEvent(
            Duration outOfOrderness, Duration idleAfter, WatermarkGeneratorSupplier.Context context) {
        return new TimedEventWatermarks<>(outOfOrderness, idleAfter, context, true);
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp != Long.MIN_VALUE) {
            idleUntilFirst = false;
            timed.onEvent(event, eventTimestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (idleUntilFirst) {
            output.markIdle();
        } else {
            timed.onPeriodicEmit(output);
        }
    }
}
