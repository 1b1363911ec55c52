package io.txmon.stream;

import io.txmon.scoring.Decision;
import io.txmon.scoring.DecisionEngine;
import io.txmon.scoring.RiskLevel;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by transaction: puts a transfer's two halves of features together (the payer's, and the payee's {@code cp_}
 * features) and decides with the core's {@link DecisionEngine}; a transaction without a payee is decided on its
 * payer's half at once.
 *
 * <p>State: the first half of a transfer until the second arrives. Both halves leave their accounts when the
 * watermark reaches the transaction's event time, so by the time the watermark has passed it here, a half still
 * alone is one whose partner came too late to its account: it goes to {@link #HALF_ALONE} and the state is cleared,
 * rather than waiting for ever.
 *
 * <p>Control: accepted rule files and models are kept in broadcast state ({@link ControlState}); the engine is rebuilt
 * from it at the next decision, and each decision records the rule set and model versions that made it.
 *
 * <p>Metrics ({@link JobMetrics}): decisions by risk level, the engine's time per decision, lone halves set aside.
 */
final class DecisionJoin
        extends KeyedBroadcastProcessFunction<String, FeatureHalf, ControlMessage, DecidedTransaction> {
    /** Transfers one of whose accounts received them too late: not decided. */
    static final OutputTag<LateTransaction> HALF_ALONE =
            new OutputTag<>("half-alone", TypeInformation.of(LateTransaction.class));

    private static final long serialVersionUID = 1L;
    private static final ValueStateDescriptor<FeatureHalf> WAITING =
            new ValueStateDescriptor<>("waiting-half", SerializedType.FEATURE_HALF);
    private final WhatDecides starting;

    /** Null until a decision needs it after the task opened or a control message arrived: built from broadcast state. */
    private transient DecisionEngine engine;

    private transient ValueState<FeatureHalf> waiting;
    private transient Map<RiskLevel, Counter> decidedByLevel;
    private transient Histogram scoringLatency;
    private transient Counter late;

    DecisionJoin(WhatDecides starting) {
        this.starting = starting;
    }

    @Override
    public void open(OpenContext context) {
        waiting = getRuntimeContext().getState(WAITING);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        decidedByLevel = new EnumMap<>(RiskLevel.class);
        for (RiskLevel level : RiskLevel.values()) {
            decidedByLevel.put(
                    level,
                    metrics.addGroup(JobMetrics.RISK_LEVEL, level.name()).counter(JobMetrics.TRANSACTIONS_PROCESSED));
        }
        scoringLatency = metrics.histogram(
                JobMetrics.SCORING_LATENCY, new DescriptiveStatisticsHistogram(JobMetrics.LATENCY_WINDOW));
        late = metrics.counter(JobMetrics.LATE_TRANSACTIONS);
    }

    @Override
    public void processElement(FeatureHalf half, ReadOnlyContext context, Collector<DecidedTransaction> out)
            throws Exception {
        if (!half.expectsPayee()) {
            out.collect(decided(half, half.features(), context));
            return;
        }
        FeatureHalf first = waiting.value();
        if (first == null) {
            waiting.update(half);
            context.timerService().registerEventTimeTimer(half.eventTimeMillis());
            return;
        }
        FeatureHalf payer = first.side() == AccountEvent.Side.PAYER ? first : half;
        FeatureHalf payee = first.side() == AccountEvent.Side.PAYER ? half : first;
        double[] features = payer.features();
        System.arraycopy(
                payee.features(), FeatureHalf.PAYEE_FROM, features, FeatureHalf.PAYEE_FROM, FeatureHalf.PAYEE_COUNT);
        waiting.clear();
        context.timerService().deleteEventTimeTimer(first.eventTimeMillis());
        out.collect(decided(payer, features, context));
    }

    @Override
    public void processBroadcastElement(ControlMessage accepted, Context context, Collector<DecidedTransaction> out)
            throws Exception {
        context.getBroadcastState(ControlState.ACCEPTED).put(accepted.kind(), accepted);
        engine = null;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DecidedTransaction> out) throws Exception {
        FeatureHalf alone = waiting.value();
        if (alone == null) {
            return;
        }
        waiting.clear();
        late.inc();
        String other = alone.side() == AccountEvent.Side.PAYER ? "payee" : "payer";
        context.output(
                HALF_ALONE,
                new LateTransaction(
                        alone.transactionId(),
                        alone.accountId(),
                        alone.eventTimeMillis(),
                        timestamp,
                        "its " + other + "'s account received it too late, so it was not decided; account "
                                + alone.accountId() + " has learned it"));
    }

    private DecidedTransaction decided(FeatureHalf payer, double[] features, ReadOnlyContext context) throws Exception {
        DecisionEngine engine = engine(context);
        // The system clock measures the engine's cost for the latency metric only; nothing decided depends on it.
        long started = System.nanoTime();
        Decision decision = engine.decide(payer.transactionId(), features);
        scoringLatency.update(System.nanoTime() - started);
        decidedByLevel.get(decision.riskLevel()).inc();
        return new DecidedTransaction(payer.transaction(), StreamDecision.of(decision));
    }

    private DecisionEngine engine(ReadOnlyContext context) throws Exception {
        if (engine == null) {
            WhatDecides current = ControlState.current(starting, context.getBroadcastState(ControlState.ACCEPTED));
            engine = new DecisionEngine(current.rules(), current.anomalyModel());
        }
        return engine;
    }
}
