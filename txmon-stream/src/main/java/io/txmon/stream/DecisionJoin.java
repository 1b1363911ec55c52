package io.txmon.stream;

import io.txmon.scoring.Decision;
import io.txmon.scoring.DecisionEngine;
import io.txmon.scoring.RiskLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * Keyed by transaction: puts a transaction's parts of features together (the payer's; a payee's {@code cp_} and
 * {@code payee_} features; its merchant's and its device's entity features) and decides with the core's {@link
 * DecisionEngine}; a transaction of one part (no payee, merchant or device) is decided on it at once. Every part
 * says how many the transaction has ({@link AccountEvent#partsOf}).
 *
 * <p>State: the parts that have arrived until the last one does. Every part leaves its key when the watermark reaches
 * the transaction's event time, so by the time the watermark has passed it here, parts still waiting are ones whose
 * partners came too late to their keys: they go to {@link #HALF_ALONE} (once per transaction) and the state is
 * cleared, rather than waiting for ever.
 *
 * <p>Control: accepted rule files and models are kept in broadcast state ({@link ControlState}); the engine is rebuilt
 * from it at the next decision, and each decision records the rule set and model versions that made it.
 *
 * <p>Metrics ({@link JobMetrics}): decisions by risk level, the engine's time per decision, lone halves set aside.
 */
final class DecisionJoin
        extends KeyedBroadcastProcessFunction<String, FeatureHalf, ControlMessage, DecidedTransaction> {
    /** Transactions one of whose keys received them too late: not decided. */
    static final OutputTag<LateTransaction> HALF_ALONE =
            new OutputTag<>("half-alone", TypeInformation.of(LateTransaction.class));

    private static final long serialVersionUID = 1L;
    /** The parts of a transaction that have arrived, until the last one does or the watermark passes it. */
    private static final ListStateDescriptor<FeatureHalf> WAITING =
            new ListStateDescriptor<>("waiting-parts", SerializedType.FEATURE_HALF);
    /**
     * Where the version that joined two halves at most kept the first: read only to move a half restored from its
     * checkpoints into {@link #WAITING}, so that it is still decided or set aside rather than forgotten. It can go
     * once no checkpoint from before this version is restored.
     */
    private static final ValueStateDescriptor<FeatureHalf> EARLIER_WAITING =
            new ValueStateDescriptor<>("waiting-half", SerializedType.FEATURE_HALF);

    private final WhatDecides starting;

    /** Null until a decision needs it after the task opened or a control message arrived: built from broadcast state. */
    private transient DecisionEngine engine;

    private transient ListState<FeatureHalf> waiting;
    private transient ValueState<FeatureHalf> earlierWaiting;
    private transient Map<RiskLevel, Counter> decidedByLevel;
    private transient Histogram scoringLatency;
    private transient Counter late;

    DecisionJoin(WhatDecides starting) {
        this.starting = starting;
    }

    @Override
    public void open(OpenContext context) {
        waiting = getRuntimeContext().getListState(WAITING);
        earlierWaiting = getRuntimeContext().getState(EARLIER_WAITING);
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
    public void processElement(FeatureHalf part, ReadOnlyContext context, Collector<DecidedTransaction> out)
            throws Exception {
        if (part.parts() == 1) {
            out.collect(decided(part, part.features(), context));
            return;
        }
        moveEarlierHalf();
        List<FeatureHalf> gathered = new ArrayList<>(part.parts());
        waiting.get().forEach(gathered::add);
        if (gathered.size() + 1 < part.parts()) {
            if (gathered.isEmpty()) {
                context.timerService().registerEventTimeTimer(part.eventTimeMillis());
            }
            waiting.add(part);
            return;
        }
        gathered.add(part);
        FeatureHalf payer = payerOf(gathered);
        double[] features = joined(payer, gathered);
        waiting.clear();
        context.timerService().deleteEventTimeTimer(part.eventTimeMillis());
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
        moveEarlierHalf();
        List<FeatureHalf> alone = new ArrayList<>();
        waiting.get().forEach(alone::add);
        if (alone.isEmpty()) {
            return;
        }
        waiting.clear();
        late.inc();
        FeatureHalf first = alone.get(0);
        context.output(
                HALF_ALONE,
                new LateTransaction(
                        first.transactionId(),
                        first.accountId(),
                        first.eventTimeMillis(),
                        timestamp,
                        "only " + alone.size() + " of its " + first.parts() + " parts of features arrived ("
                                + sides(alone) + "): the other keys received it too late, so it was not decided;"
                                + " key " + first.accountId() + " has learned it"));
    }

    private void moveEarlierHalf() throws Exception {
        FeatureHalf earlier = earlierWaiting.value();
        if (earlier != null) {
            waiting.add(earlier);
            earlierWaiting.clear();
        }
    }

    private static FeatureHalf payerOf(List<FeatureHalf> parts) {
        for (FeatureHalf each : parts) {
            if (each.side() == AccountEvent.Side.PAYER) {
                return each;
            }
        }
        throw new IllegalStateException("transaction " + parts.get(0).transactionId() + " has all its " + parts.size()
                + " parts but its payer's: " + sides(parts));
    }

    /** The payer's vector with the features every other part carries ({@link FeatureHalf#carried}) copied in. */
    static double[] joined(FeatureHalf payer, List<FeatureHalf> parts) {
        double[] features = payer.features();
        for (FeatureHalf each : parts) {
            if (each != payer) {
                for (int i : FeatureHalf.carried(each.side())) {
                    features[i] = each.features()[i];
                }
            }
        }
        return features;
    }

    private static String sides(List<FeatureHalf> parts) {
        return parts.stream()
                .map(part -> part.side().name().toLowerCase(Locale.ROOT) + " " + part.accountId())
                .collect(Collectors.joining(", "));
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
            engine = new DecisionEngine(current.rules(), current.anomalyModel(), current.supervisedModel());
        }
        return engine;
    }
}
