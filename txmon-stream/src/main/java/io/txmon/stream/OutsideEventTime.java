package io.txmon.stream;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a stream with no event time of its own (account reference data) that joins a stream in event time:
 * none, the stream is idle for good, so that it never holds back the other's watermark nor moves it.
 *
 * <p>Idle rather than at the end of time: when the transactions' partitions went quiet for the idle-partition timeout,
 * a stream at the end of time was the only one left active, and event time jumped there; every transaction after the
 * quiet spell was then late (KafkaDecisionJobIT, the quiet spell, failed so). Records on an idle stream are processed
 * as any others.
 */
final class OutsideEventTime<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Also without events: a stream that has sent nothing yet must not hold time back either.
        output.markIdle();
    }
}
