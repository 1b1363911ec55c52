package io.txmon.stream;

import io.txmon.features.Feature;
import io.txmon.scoring.DecisionEngine;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by transaction: puts a transfer's two halves of features together (the payer's, and the payee's {@code cp_}
 * features) and decides with the core's {@link DecisionEngine}; a transaction without a payee is decided on its
 * payer's half at once. State: the first half of a transfer until the second arrives, then cleared.
 */
final class DecisionJoin extends KeyedProcessFunction<String, FeatureHalf, StreamDecision> {
    private static final long serialVersionUID = 1L;
    private static final ValueStateDescriptor<double[]> FIRST_HALF =
            new ValueStateDescriptor<>("first-half", double[].class);
    private static final ValueStateDescriptor<Boolean> FIRST_IS_PAYER =
            new ValueStateDescriptor<>("first-is-payer", Boolean.class);
    /** The payee's features are the contiguous {@code cp_} block of the vector. */
    private static final int PAYEE_FROM = Feature.CP_PRIOR_TX_COUNT.ordinal();

    private static final int PAYEE_TO = Feature.CP_SENT_SIMILAR_7D.ordinal();

    private final WhatDecides decides;

    private transient DecisionEngine engine;
    private transient ValueState<double[]> firstHalf;
    private transient ValueState<Boolean> firstIsPayer;

    DecisionJoin(WhatDecides decides) {
        this.decides = decides;
    }

    @Override
    public void open(OpenContext context) {
        engine = new DecisionEngine(decides.rules(), decides.anomalyModel());
        firstHalf = getRuntimeContext().getState(FIRST_HALF);
        firstIsPayer = getRuntimeContext().getState(FIRST_IS_PAYER);
    }

    @Override
    public void processElement(FeatureHalf half, Context context, Collector<StreamDecision> out) throws Exception {
        if (!half.expectsPayee()) {
            out.collect(StreamDecision.of(engine.decide(half.transactionId(), half.features())));
            return;
        }
        double[] first = firstHalf.value();
        if (first == null) {
            firstHalf.update(half.features());
            firstIsPayer.update(half.side() == AccountEvent.Side.PAYER);
            return;
        }
        double[] payer = firstIsPayer.value() ? first : half.features();
        double[] payee = firstIsPayer.value() ? half.features() : first;
        System.arraycopy(payee, PAYEE_FROM, payer, PAYEE_FROM, PAYEE_TO - PAYEE_FROM + 1);
        firstHalf.clear();
        firstIsPayer.clear();
        out.collect(StreamDecision.of(engine.decide(half.transactionId(), payer)));
    }
}
