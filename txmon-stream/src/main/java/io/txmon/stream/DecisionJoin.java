package io.txmon.stream;

import io.txmon.features.Feature;
import io.txmon.scoring.DecisionEngine;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
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
 */
final class DecisionJoin extends KeyedProcessFunction<String, FeatureHalf, DecidedTransaction> {
    /** Transfers one of whose accounts received them too late: not decided. */
    static final OutputTag<LateTransaction> HALF_ALONE =
            new OutputTag<>("half-alone", TypeInformation.of(LateTransaction.class));

    private static final long serialVersionUID = 1L;
    private static final ValueStateDescriptor<FeatureHalf> WAITING =
            new ValueStateDescriptor<>("waiting-half", FeatureHalf.class);
    /** The payee's features are the contiguous {@code cp_} block of the vector. */
    private static final int PAYEE_FROM = Feature.CP_PRIOR_TX_COUNT.ordinal();

    private static final int PAYEE_TO = Feature.CP_SENT_SIMILAR_7D.ordinal();

    private final WhatDecides decides;

    private transient DecisionEngine engine;
    private transient ValueState<FeatureHalf> waiting;

    DecisionJoin(WhatDecides decides) {
        this.decides = decides;
    }

    @Override
    public void open(OpenContext context) {
        engine = new DecisionEngine(decides.rules(), decides.anomalyModel());
        waiting = getRuntimeContext().getState(WAITING);
    }

    @Override
    public void processElement(FeatureHalf half, Context context, Collector<DecidedTransaction> out) throws Exception {
        if (!half.expectsPayee()) {
            out.collect(decided(half, half.features()));
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
        System.arraycopy(payee.features(), PAYEE_FROM, features, PAYEE_FROM, PAYEE_TO - PAYEE_FROM + 1);
        waiting.clear();
        context.timerService().deleteEventTimeTimer(first.eventTimeMillis());
        out.collect(decided(payer, features));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DecidedTransaction> out) throws Exception {
        FeatureHalf alone = waiting.value();
        if (alone == null) {
            return;
        }
        waiting.clear();
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

    private DecidedTransaction decided(FeatureHalf payer, double[] features) {
        return new DecidedTransaction(
                payer.transaction(), StreamDecision.of(engine.decide(payer.transactionId(), features)));
    }
}
