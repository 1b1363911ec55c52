package io.txmon.stream;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by transaction id: lets the first copy of each transaction through and sends later copies to {@link
 * #DUPLICATES}, so that a transaction sent twice is decided once, as ingestion does. State: one flag per id, kept for
 * {@code remembered} after it was set (a copy later than that is decided again).
 */
final class FirstOfEachTransaction extends KeyedProcessFunction<String, SequencedTransaction, SequencedTransaction> {
    /** Copies of a transaction seen before. */
    static final OutputTag<SequencedTransaction> DUPLICATES =
            new OutputTag<>("duplicates", TypeInformation.of(SequencedTransaction.class));

    private static final long serialVersionUID = 1L;

    private final Duration remembered;

    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    FirstOfEachTransaction(Duration remembered) {
        this.remembered = remembered;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(remembered).build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter(JobMetrics.DUPLICATE_TRANSACTIONS);
    }

    @Override
    public void processElement(SequencedTransaction tx, Context context, Collector<SequencedTransaction> out)
            throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            context.output(DUPLICATES, tx);
            return;
        }
        seen.update(true);
        out.collect(tx);
    }
}
