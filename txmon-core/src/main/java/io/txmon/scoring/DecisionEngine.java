package io.txmon.scoring;

import io.txmon.boosting.SupervisedModel;
import io.txmon.features.Feature;
import io.txmon.features.FeatureGroup;
import io.txmon.features.PopulationProfile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.ModelInput;
import io.txmon.rules.DecisionThresholds;
import io.txmon.rules.Rule;
import io.txmon.rules.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one combiner: turns a transaction's features into a {@link Decision} using the rule set and, when
 * there is one, the anomaly model. A function of its configuration and the features, of which it sets only
 * the model's view: {@code anomaly_score} and the population percentiles ({@code ..._population_pct}, from the
 * model's frozen {@link PopulationProfile}); immutable and safe to share between threads. The percentiles are
 * written here rather than with the account features because in the stream a transfer's two accounts are
 * observed apart and meet only here, and because every path (batch, ingestion, service, stream) decides here.
 *
 * <p>Each fired rule contributes its weight; rules combine as independent pieces of evidence (noisy-OR:
 * risk = 1 − Π(1 − weight)), so two moderate rules outweigh one and no pile of rules exceeds 1. The model
 * contributes its calibrated risk (see {@link ModelRisk}) and joins the rules the same way. Risk scores
 * are rounded to 4 decimals, and the level and recommendation follow the rounded score, so that what is
 * reported is what was decided. When the model drove an alert, the decision gives the model's reasons:
 * the behaviours (feature groups) that made the transaction easy to isolate.
 *
 * <p>A supervised model, trained on known outcomes, joins the same way: its probability becomes risk through its own
 * calibration (its validation rows' median is ordinary, its alert line is the review line), and when it drove an
 * alert it gives the behaviours that pushed its margin up the most, as {@code SL_} reason codes. Beside it, the
 * anomaly model's risk counts only for transactions beyond the 99.9th percentile of its training scores: what
 * nothing labelled resembles.
 */
public final class DecisionEngine {
    /** A model reason is given for a behaviour carrying at least this share of the isolation. */
    static final double MIN_MODEL_REASON_SHARE = 0.25;
    /** At most this many model reasons per decision. */
    static final int MAX_MODEL_REASONS = 2;

    private static final Comparator<Reason> STRONGEST_FIRST =
            Comparator.comparingDouble(Reason::weight).reversed();

    private final RuleSet rules;
    private final Optional<AnomalyModel> model;
    private final Optional<SupervisedModel> supervised;
    private final DecisionThresholds thresholds;
    private final PopulationProfile population;
    /** Each rule's reason, by rule index: built once, so that a decision cites a rule without allocating. */
    private final Reason[] ruleReasons;

    public DecisionEngine(RuleSet rules, Optional<AnomalyModel> model) {
        this(rules, model, Optional.empty());
    }

    /** Decides with the rules, the anomaly model when given, and the supervised model when given. */
    public DecisionEngine(RuleSet rules, Optional<AnomalyModel> model, Optional<SupervisedModel> supervised) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.model = Objects.requireNonNull(model, "model");
        this.supervised = Objects.requireNonNull(supervised, "supervised");
        this.thresholds = rules.decision();
        this.population = model.map(m -> m.peers().population()).orElse(PopulationProfile.NONE);
        this.ruleReasons = rules.rules().stream().map(DecisionEngine::reasonOf).toArray(Reason[]::new);
    }

    /** The reason a decision gives when the rule fires: its code, description and weight. */
    private static Reason reasonOf(Rule rule) {
        return new Reason(rule.reasonCode(), ReasonSource.RULE, rule.description(), rule.weight());
    }

    /**
     * Decides on a transaction from its feature vector ({@code double[Feature.COUNT]}), first writing the anomaly
     * model's score into it as {@code anomaly_score} (0 without a model) and the population percentiles (1 without
     * one), so that rules and the supervised model read the model's view like any other feature.
     */
    public Decision decide(String transactionId, double[] features) {
        return decide(transactionId, features, thresholds.reviewAt());
    }

    /**
     * Decides as above with the review line {@code reviewAt} in force (the alert budget's, {@link ReviewLine}) instead
     * of the rule set's fixed one; levels and the block line stay the rule set's.
     */
    public Decision decide(String transactionId, double[] features, double reviewAt) {
        double score = 0;
        if (model.isPresent()) {
            score = model.get().anomalyScore(features);
        }
        features[Feature.ANOMALY_SCORE.ordinal()] = score;
        population.write(features);
        int[] fired = new int[rules.size()];
        int hits = rules.evaluate(features, fired);
        List<Reason> reasons = new ArrayList<>(hits + MAX_MODEL_REASONS);
        double untouched = 1;
        for (int i = 0; i < hits; i++) {
            Reason reason = ruleReasons[fired[i]];
            untouched *= 1 - reason.weight();
            reasons.add(reason);
        }
        Optional<ModelOpinion> opinion = Optional.empty();
        if (model.isPresent()) {
            AnomalyModel m = model.get();
            double modelRisk = ModelRisk.of(score, m.calibration(), thresholds);
            if (supervised.isPresent() && score < m.calibration().top()) {
                // Beside a model trained on outcomes, the forest speaks only for what lies beyond anything it saw
                // in training: below that, its ranking adds noise to the supervised model's (on the Fraud Detection
                // Handbook's cards, average precision 0.57 with it against 0.66 without; docs/supervised-model.md).
                modelRisk = 0;
            }
            untouched *= 1 - modelRisk;
            opinion = Optional.of(new ModelOpinion(m.version(), score, modelRisk));
        }
        Optional<SupervisedOpinion> learnt = Optional.empty();
        double[] row = null;
        if (supervised.isPresent()) {
            SupervisedModel s = supervised.get();
            row = s.rowOf(features);
            double probability = s.trees().probability(row);
            double supervisedRisk = ModelRisk.of(probability, s.calibration(), thresholds);
            untouched *= 1 - supervisedRisk;
            learnt = Optional.of(new SupervisedOpinion(s.version(), probability, supervisedRisk));
        }
        double risk = Math.round((1 - untouched) * 10_000) / 10_000.0;
        Recommendation recommendation = recommendationFor(risk, reviewAt, thresholds);
        if (opinion.isPresent() && explainsItself(opinion.get().risk(), risk)) {
            reasons.addAll(modelReasons(model.get(), features, opinion.get().risk()));
        }
        if (learnt.isPresent() && explainsItself(learnt.get().risk(), risk)) {
            reasons.addAll(supervisedReasons(supervised.get(), row, learnt.get().risk()));
        }
        reasons.sort(STRONGEST_FIRST);
        return new Decision(
                transactionId,
                risk,
                levelOf(risk),
                recommendation,
                reasons,
                rules.version(),
                opinion,
                learnt,
                reviewAt);
    }

    /** The level a risk score falls in. */
    private RiskLevel levelOf(double riskScore) {
        if (riskScore >= thresholds.highRiskAt()) {
            return RiskLevel.HIGH;
        }
        return riskScore >= thresholds.mediumRiskAt() ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** What to do at a risk score, with the review line {@code reviewAt} in force and the block line of {@code thresholds}. */
    public static Recommendation recommendationFor(double riskScore, double reviewAt, DecisionThresholds thresholds) {
        if (riskScore >= thresholds.blockAt()) {
            return Recommendation.BLOCK;
        }
        return riskScore >= reviewAt ? Recommendation.REVIEW : Recommendation.APPROVE;
    }

    /**
     * The model gives its reasons when it would flag the transaction on its own, or when the decision could be flagged
     * (its risk reaches the lowest review line in use: the budget's floor, or the fixed line without a budget) and the
     * model raised it to medium risk or more: every alert the model drove says why, without paying for attributions on
     * the many transactions nobody will look at. It does not depend on the line in force, so that a decision's reasons
     * are known before its day's line is (the stream applies the line after deciding, see {@link ReviewLine}).
     */
    private boolean explainsItself(double modelRisk, double risk) {
        double couldBeFlaggedFrom = thresholds.alertBudget().isOff() ? thresholds.reviewAt() : thresholds.reviewFloor();
        return modelRisk >= thresholds.reviewAt()
                || (risk >= couldBeFlaggedFrom && modelRisk >= thresholds.mediumRiskAt());
    }

    public RuleSet rules() {
        return rules;
    }

    public Optional<AnomalyModel> model() {
        return model;
    }

    public Optional<SupervisedModel> supervised() {
        return supervised;
    }

    /**
     * The behaviours that raised the supervised model's margin the most along the row's paths through its trees
     * ({@code BoostedTrees.pathContributions}), by the same rule as the anomaly model's reasons: the strongest, and
     * a second if it carries at least {@value #MIN_MODEL_REASON_SHARE} of the positive contributions.
     */
    private static List<Reason> supervisedReasons(SupervisedModel model, double[] row, double supervisedRisk) {
        double[] contributions = model.trees().pathContributions(row);
        Map<FeatureGroup, Double> byGroup = new EnumMap<>(FeatureGroup.class);
        Map<FeatureGroup, List<String>> inputsByGroup = new EnumMap<>(FeatureGroup.class);
        double positive = 0;
        for (int i = 0; i < row.length; i++) {
            if (contributions[i] > 0) {
                Feature feature = model.inputs().get(i);
                byGroup.merge(feature.group(), contributions[i], Double::sum);
                inputsByGroup
                        .computeIfAbsent(feature.group(), g -> new ArrayList<>())
                        .add(feature.featureName());
                positive += contributions[i];
            }
        }
        List<Map.Entry<FeatureGroup, Double>> ranked = byGroup.entrySet().stream()
                .sorted(Map.Entry.<FeatureGroup, Double>comparingByValue().reversed())
                .toList();
        List<Reason> reasons = new ArrayList<>(MAX_MODEL_REASONS);
        for (Map.Entry<FeatureGroup, Double> entry : ranked) {
            double share = entry.getValue() / positive;
            if (reasons.size() == MAX_MODEL_REASONS || (!reasons.isEmpty() && share < MIN_MODEL_REASON_SHARE)) {
                break;
            }
            FeatureGroup group = entry.getKey();
            reasons.add(new Reason(
                    group.supervisedReasonCode(),
                    ReasonSource.SUPERVISED,
                    "Supervised model, from known outcomes: " + group.description() + " ("
                            + String.join(", ", inputsByGroup.get(group)) + ")",
                    supervisedRisk * share));
        }
        return reasons;
    }

    private static List<Reason> modelReasons(AnomalyModel model, double[] features, double modelRisk) {
        double[] shares = model.attributions(features);
        Map<FeatureGroup, Double> byGroup = new EnumMap<>(FeatureGroup.class);
        Map<FeatureGroup, List<String>> inputsByGroup = new EnumMap<>(FeatureGroup.class);
        List<ModelInput> inputs = model.inputs();
        for (int i = 0; i < shares.length; i++) {
            Feature feature = inputs.get(i).feature();
            byGroup.merge(feature.group(), shares[i], Double::sum);
            if (shares[i] > 0) {
                inputsByGroup
                        .computeIfAbsent(feature.group(), g -> new ArrayList<>())
                        .add(feature.featureName());
            }
        }
        List<Map.Entry<FeatureGroup, Double>> ranked = byGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<FeatureGroup, Double>comparingByValue().reversed())
                .toList();
        List<Reason> reasons = new ArrayList<>(MAX_MODEL_REASONS);
        for (Map.Entry<FeatureGroup, Double> entry : ranked) {
            boolean strongest = reasons.isEmpty();
            if (reasons.size() == MAX_MODEL_REASONS || (!strongest && entry.getValue() < MIN_MODEL_REASON_SHARE)) {
                break;
            }
            FeatureGroup group = entry.getKey();
            reasons.add(new Reason(
                    group.reasonCode(),
                    ReasonSource.MODEL,
                    "Anomaly model: " + group.description() + " (" + String.join(", ", inputsByGroup.get(group)) + ")",
                    modelRisk * entry.getValue()));
        }
        return reasons;
    }
}
