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
 */
public final class TimedEventWatermarks<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> timed;

    public TimedEventWatermarks(
            Duration outOfOrderness, Duration idleAfter, WatermarkGeneratorSupplier.Context context) {
        this.timed = new WatermarksWithIdleness<>(
                new BoundedOutOfOrdernessWatermarks<>(outOfOrderness), idleAfter, context.getInputActivityClock());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp != Long.MIN_VALUE) {
            timed.onEvent(event, eventTimestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        timed.onPeriodicEmit(output);
    }
}
