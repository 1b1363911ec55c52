package io.txmon.stream;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a stream with no event time of its own (account reference data) that joins a stream in event time:
 * it is always at the end of time, so that it never holds back the other's watermark.
 */
final class OutsideEventTime<T> implements WatermarkGenerator<T> {
    private static final Watermark END_OF_TIME = new Watermark(Long.MAX_VALUE);

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(END_OF_TIME);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Also without events: a quiet stream must not hold time back either.
        output.emitWatermark(END_OF_TIME);
    }
}
