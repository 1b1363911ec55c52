package io.txmon.stream;

import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.DecisionEngine;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.ReviewLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alert budget in the stream: every decision, from every task, judged by its day's review line ({@link
 * ReviewLine}), as {@code bin/txmon score} judges it.
 *
 * <p>A day's line is drawn from the scores of the days before it, from all tasks, so this runs as one task over one
 * key. A decision is judged once the watermark shows that every earlier day is complete (it has reached the day's
 * start); one that arrives before that waits, in state, for the watermark. Only decisions in the first moments of a
 * day, within the job's out-of-orderness, ever wait. The line follows each rule set, model and supervised model version apart, as the
 * decision log's does.
 *
 * <p>State: the counts of the scores per version, day and score step (what the lines are drawn from, so that a job
 * restored from a checkpoint draws the lines an unbroken one would), and the decisions waiting for the watermark. Days
 * older than a line reads are dropped.
 */
final class ReviewLines
        extends KeyedBroadcastProcessFunction<Integer, DecidedTransaction, ControlMessage, DecidedTransaction> {
    /** The one key every decision goes under. */
    static final int ALL = 0;

    private static final long serialVersionUID = 1L;
    /** Versions whose counts are kept: the one in force and the one before, for decisions made around a switch. */
    private static final int VERSIONS_KEPT = 2;

    private static final MapStateDescriptor<String, Long> COUNTS =
            new MapStateDescriptor<>("review-line-counts", Types.STRING, Types.LONG);
    private static final ListStateDescriptor<DecidedTransaction> WAITING =
            new ListStateDescriptor<>("waiting-for-the-day", TypeInformation.of(DecidedTransaction.class));

    private final WhatDecides starting;

    private transient MapState<String, Long> counts;
    private transient ListState<DecidedTransaction> waiting;
    /** The lines by version, rebuilt from {@link #counts} after a restore; most recently used last. */
    private transient LinkedHashMap<String, ReviewLine> lines;
    /** The latest day each version's counts were pruned for. */
    private transient Map<String, Long> prunedFor;

    private transient RuleSet rules;
    /** Counts nothing: tells days apart in the current rule set's time zone. */
    private transient ReviewLine calendar;

    ReviewLines(WhatDecides starting) {
        this.starting = starting;
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext().getMapState(COUNTS);
        waiting = getRuntimeContext().getListState(WAITING);
        lines = new LinkedHashMap<>(4, 0.75f, true);
        prunedFor = new HashMap<>();
    }

    @Override
    public void processElement(DecidedTransaction decided, ReadOnlyContext context, Collector<DecidedTransaction> out)
            throws Exception {
        RuleSet current = rules(context);
        long dayStart = dayStart(decided);
        if (context.timerService().currentWatermark() >= dayStart - 1) {
            out.collect(judged(decided, current));
            return;
        }
        waiting.add(decided);
        context.timerService().registerEventTimeTimer(dayStart - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DecidedTransaction> out) throws Exception {
        RuleSet current = rules(context);
        List<DecidedTransaction> still = new ArrayList<>();
        for (DecidedTransaction decided : waiting.get()) {
            if (timestamp >= dayStart(decided) - 1) {
                out.collect(judged(decided, current));
            } else {
                still.add(decided);
            }
        }
        waiting.update(still);
    }

    @Override
    public void processBroadcastElement(ControlMessage accepted, Context context, Collector<DecidedTransaction> out)
            throws Exception {
        context.getBroadcastState(ControlState.ACCEPTED).put(accepted.kind(), accepted);
        rules = null;
    }

    private DecidedTransaction judged(DecidedTransaction decided, RuleSet current) throws Exception {
        StreamDecision decision = decided.decision();
        // A new supervised model starts a line of its own, as TransactionScorer.useSupervised does.
        String version = decision.ruleSetVersion() + "|" + decision.modelVersion()
                + (decision.supervisedModelVersion() == null ? "" : "|" + decision.supervisedModelVersion());
        ReviewLine line = line(version, current);
        Instant at = eventTime(decided);
        double threshold = line.at(at);
        DecisionThresholds thresholds = current.decision();
        Recommendation recommendation = DecisionEngine.recommendationFor(decision.riskScore(), threshold, thresholds);
        line.record(at, decision.riskScore());
        String key = key(version, line.dayOf(at), ReviewLine.step(decision.riskScore()));
        Long before = counts.get(key);
        counts.put(key, before == null ? 1 : before + 1);
        long day = line.dayOf(at);
        Long pruned = prunedFor.get(version);
        if (pruned == null || day > pruned) {
            prunedFor.put(version, day);
            removeCounts(version, day - ReviewLine.WINDOW_DAYS - 1);
        }
        return new DecidedTransaction(decided.transaction(), decision.judgedBy(threshold, recommendation));
    }

    /** The line of {@code version}, rebuilt from the counts when this task has none yet (after a restore). */
    private ReviewLine line(String version, RuleSet current) throws Exception {
        ReviewLine line = lines.get(version);
        if (line != null) {
            return line;
        }
        line = new ReviewLine(current.decision(), current.features().timeZone());
        String prefix = version + "#";
        for (Map.Entry<String, Long> count : counts.entries()) {
            String key = count.getKey();
            if (key.startsWith(prefix)) {
                String[] dayAndStep = key.substring(prefix.length()).split("#");
                long day = Long.parseLong(dayAndStep[0]);
                double score = Integer.parseInt(dayAndStep[1]) / 10_000.0;
                line.record(line.startOf(day), score, Math.toIntExact(count.getValue()));
            }
        }
        lines.put(version, line);
        if (lines.size() > VERSIONS_KEPT) {
            // The least recently used version decides nothing any more: its line and counts go.
            String eldest = lines.keySet().iterator().next();
            lines.remove(eldest);
            prunedFor.remove(eldest);
            removeCounts(eldest, Long.MAX_VALUE);
        }
        return line;
    }

    /**
     * Drops the counts of {@code version}'s days before {@code before}: once a day, when a day first comes, for the
     * days no line reads any more; and all of a version no longer used.
     */
    private void removeCounts(String version, long before) throws Exception {
        String prefix = version + "#";
        List<String> old = new ArrayList<>();
        for (String key : counts.keys()) {
            if (key.startsWith(prefix)) {
                long day = Long.parseLong(key.substring(prefix.length(), key.indexOf('#', prefix.length())));
                if (day < before) {
                    old.add(key);
                }
            }
        }
        for (String key : old) {
            counts.remove(key);
        }
    }

    private RuleSet rules(ReadOnlyContext context) throws Exception {
        if (rules == null) {
            rules = ControlState.current(starting, context.getBroadcastState(ControlState.ACCEPTED))
                    .rules();
            calendar = new ReviewLine(rules.decision(), rules.features().timeZone());
        }
        return rules;
    }

    /** When the day of {@code decided}'s transaction begins, in epoch milliseconds; after {@link #rules}. */
    private long dayStart(DecidedTransaction decided) {
        return calendar.startOf(calendar.dayOf(eventTime(decided))).toEpochMilli();
    }

    private static String key(String version, long day, int step) {
        return version + "#" + day + "#" + step;
    }

    private static Instant eventTime(DecidedTransaction decided) {
        return decided.transaction().transaction().timestamp();
    }
}
