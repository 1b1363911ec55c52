package io.txmon.stream;

import java.util.List;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Flink's keyed-broadcast operator with the broadcast input (control messages) kept outside event time: it counts as
 * idle for good, its watermarks and status changes ignored, so event time in the operator is the keyed input's alone.
 *
 * <p>Why: Flink's own operator holds event time at the lower of its two inputs, so a control stream that has sent no
 * watermark yet (a quiet topic, or a source still starting) would hold back every account's timers, and whether a
 * transaction counts as late would depend on how fast the control source started. Control messages take effect in
 * processing time anyway (docs/streaming.md, "Rules and models while running").
 *
 * <p>Idle, not at the end of time: an input at the end of time is what event time jumps to as soon as the keyed input
 * goes idle (its partitions quiet for the idle timeout), after which every transaction would be late. Idle, it takes
 * no part: with the keyed input idle too, event time stays where it was (KafkaDecisionJobIT, the quiet spell).
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
        combinedWatermark.updateStatus(BROADCAST_INPUT, true);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Outside event time: see the class comment.
    }

    /**
     * The broadcast input's status is ignored (see the class comment); the keyed input's counts here but is not passed
     * on. Downstream, the operator's tasks are the channels of the next keyed operator (the join, after the accounts),
     * and they leave idleness one at a time: the first active again would carry its watermark past halves the others,
     * still marked idle, had yet to send, and those transfers would go undecided (KafkaDecisionJobIT, the quiet spell).
     * Never idle downstream, this operator holds the next one's event time where it was through a quiet spell.
     */
    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
        if (index != BROADCAST_INPUT && combinedWatermark.updateStatus(index, status.isIdle())) {
            processWatermark(new Watermark(combinedWatermark.getCombinedWatermark()));
        }
    }
}
