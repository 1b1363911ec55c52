package io.txmon.stream;

import java.util.List;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Flink's keyed-broadcast operator with the broadcast input (control messages) kept outside event time: its
 * watermarks are ignored and it counts as already at the end of time, so event time in the operator is the keyed
 * input's alone.
 *
 * <p>Why: Flink's own operator holds event time at the lower of its two inputs, so a control stream that has sent no
 * watermark yet (a quiet topic, or a source still starting) would hold back every account's timers, and whether a
 * transaction counts as late would depend on how fast the control source started. Control messages take effect in
 * processing time anyway (docs/streaming.md, "Rules and models while running").
 */
final class BroadcastOutsideEventTime<K, IN, OUT> extends CoBroadcastWithKeyedOperator<K, IN, ControlMessage, OUT> {
    private static final long serialVersionUID = 1L;
    private static final int BROADCAST_INPUT = 1;

    BroadcastOutsideEventTime(KeyedBroadcastProcessFunction<K, IN, ControlMessage, OUT> function) {
        super(function, List.of(ControlState.ACCEPTED));
    }

    @Override
    public void open() throws Exception {
        super.open();
        combinedWatermark.updateWatermark(BROADCAST_INPUT, Long.MAX_VALUE);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Outside event time: see the class comment.
    }
}
