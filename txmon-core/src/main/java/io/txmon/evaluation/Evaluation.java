package io.txmon.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares decisions with the truth and writes a {@link DetectionReport}. */
public final class Evaluation {
    /** Seed 001's contamination, and a common analyst capacity: one alert per hundred transactions. */
    public static final double DEFAULT_BUDGET = 0.01;

    private Evaluation() {}

    /**
     * Evaluates outcomes at an alert budget.
     *
     * @param budget the share of transactions analysts can review, in (0, 1]
     */
    public static DetectionReport of(List<Outcome> outcomes, double budget) {
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("budget must be within (0, 1], was " + budget);
        }
        int n = outcomes.size();
        double[] scores = new double[n];
        boolean[] positives = new boolean[n];
        long suspicious = 0;
        for (int i = 0; i < n; i++) {
            scores[i] = outcomes.get(i).riskScore();
            positives[i] = outcomes.get(i).suspicious();
            suspicious += positives[i] ? 1 : 0;
        }
        boolean bothClasses = suspicious > 0 && suspicious < n;
        double rocAuc = bothClasses ? RankMetrics.rocAuc(scores, positives) : Double.NaN;
        double prAuc = bothClasses ? RankMetrics.averagePrecision(scores, positives) : Double.NaN;

        double[] takenAtBudget = budgetShares(outcomes, (long) Math.ceil(budget * n));
        double budgetAlerts = 0;
        double budgetHits = 0;
        long flaggedAlerts = 0;
        long flaggedHits = 0;
        Map<String, double[]> typologies = new TreeMap<>();
        Map<String, long[]> reasons = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            budgetAlerts += takenAtBudget[i];
            if (o.suspicious()) {
                budgetHits += takenAtBudget[i];
            }
            if (o.flagged()) {
                flaggedAlerts++;
                flaggedHits += o.suspicious() ? 1 : 0;
                for (String code : o.reasonCodes()) {
                    long[] r = reasons.computeIfAbsent(code, c -> new long[2]);
                    r[0]++;
                    r[1] += o.suspicious() ? 1 : 0;
                }
            }
            if (o.suspicious() && o.typology().isPresent()) {
                double[] t = typologies.computeIfAbsent(o.typology().get(), k -> new double[3]);
                t[0]++;
                t[1] += takenAtBudget[i];
                t[2] += o.flagged() ? 1 : 0;
            }
        }
        List<DetectionReport.TypologyRecall> byTypology = new ArrayList<>();
        typologies.forEach((name, t) ->
                byTypology.add(new DetectionReport.TypologyRecall(name, (long) t[0], t[1] / t[0], t[2] / t[0])));
        List<DetectionReport.ReasonPrecision> byReason = new ArrayList<>();
        reasons.forEach(
                (code, r) -> byReason.add(new DetectionReport.ReasonPrecision(code, r[0], (double) r[1] / r[0])));
        byReason.sort(Comparator.comparingLong(DetectionReport.ReasonPrecision::alerts)
                .reversed());
        return new DetectionReport(
                n,
                suspicious,
                rocAuc,
                prAuc,
                budget,
                alertSet(budgetAlerts, budgetHits, suspicious),
                alertSet(flaggedAlerts, flaggedHits, suspicious),
                byTypology,
                byReason);
    }

    private static DetectionReport.AlertSet alertSet(double alerts, double hits, long suspicious) {
        return new DetectionReport.AlertSet(
                alerts,
                hits,
                alerts == 0 ? Double.NaN : hits / alerts,
                suspicious == 0 ? Double.NaN : hits / suspicious);
    }

    /**
     * How much of each outcome is among the top {@code k} by risk score: 1 above the cut, 0 below, and for
     * the scores tied at the cut, the places left shared equally among them.
     */
    private static double[] budgetShares(List<Outcome> outcomes, long k) {
        int n = outcomes.size();
        double[] share = new double[n];
        if (n == 0 || k == 0) {
            return share;
        }
        double[] sorted =
                outcomes.stream().mapToDouble(Outcome::riskScore).sorted().toArray();
        double cut = sorted[(int) (n - Math.min(k, n))];
        long above = 0;
        long tied = 0;
        for (double s : sorted) {
            if (s > cut) {
                above++;
            } else if (s == cut) {
                tied++;
            }
        }
        double tiedShare = (double) (Math.min(k, n) - above) / tied;
        for (int i = 0; i < n; i++) {
            double s = outcomes.get(i).riskScore();
            share[i] = s > cut ? 1 : s == cut ? tiedShare : 0;
        }
        return share;
    }
}
