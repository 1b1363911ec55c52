package io.txmon.stream;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/**
 * The labels' watermark: bounded out-of-orderness over the instants dated labels became known, idle after a quiet
 * spell. An undated label is no event here, neither for the bound nor for idleness: it has no instant until it meets
 * its transaction ({@link LabelledTransactions}), and a feed of undated labels alone must not hold the job's event time
 * back for ever, as it would if it kept the input active without ever moving its watermark.
 */
final class DatedLabelWatermarks implements WatermarkGenerator<OutcomeLabel> {
    private final WatermarkGenerator<OutcomeLabel> dated;

    DatedLabelWatermarks(Duration outOfOrderness, Duration idleAfter, WatermarkGeneratorSupplier.Context context) {
        this.dated = new WatermarksWithIdleness<>(
                new BoundedOutOfOrdernessWatermarks<>(outOfOrderness), idleAfter, context.getInputActivityClock());
    }

    @Override
    public void onEvent(OutcomeLabel label, long eventTimestamp, WatermarkOutput output) {
        if (label.dated()) {
            dated.onEvent(label, eventTimestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        dated.onPeriodicEmit(output);
    }
}
