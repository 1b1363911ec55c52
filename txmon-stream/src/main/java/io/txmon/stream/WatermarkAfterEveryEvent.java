package io.txmon.stream;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/** Bounded out-of-orderness with a watermark after each event, so that lateness does not depend on timing. */
final class WatermarkAfterEveryEvent<T> implements WatermarkGenerator<T> {
    private final long bound;
    private long latest = Long.MIN_VALUE;

    WatermarkAfterEveryEvent(Duration outOfOrderness) {
        this.bound = outOfOrderness.toMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > latest) {
            latest = eventTimestamp;
            output.emitWatermark(new Watermark(latest - bound - 1));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Every watermark is emitted with its event.
    }
}
