package io.txmon.decisions;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.scoring.SupervisedOpinion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one mapping between a decision and its row in {@code decisions}, both ways: the writer's columns and values,
 * and the select list and reader every query that shows a decision uses. For storage's own packages: nothing outside
 * txmon-application touches JDBC.
 */
public final class DecisionColumns {
    /** The columns the decision log inserts, in the order of {@link #row}. */
    public static final List<String> INSERTED = List.of(
            "sequence_number",
            "risk_score",
            "risk_level",
            "recommendation",
            "reason_codes",
            "rule_set_version",
            "model_version",
            "anomaly_score",
            "review_threshold",
            "supervised_model_version",
            "fraud_probability",
            "decided_at");

    /**
     * What {@link #read} reads, in its order, from {@code transactions t} joined with {@code decisions d} (see
     * {@link #JOIN}).
     */
    public static final String SELECTED = "t.transaction_id, t.sequence_number, d.risk_score, d.risk_level,"
            + " d.recommendation, d.reason_codes, d.rule_set_version, d.model_version, d.anomaly_score,"
            + " d.review_threshold, d.supervised_model_version, d.fraud_probability";

    /** How a query reaches a transaction's decision. */
    public static final String JOIN = "transactions t JOIN decisions d ON d.sequence_number = t.sequence_number";

    /** How many columns {@link #SELECTED} holds. */
    public static final int SELECTED_COUNT = SELECTED.split(",").length;

    private DecisionColumns() {}

    /** The risk score as stored: four decimals, rounded half up. */
    public static BigDecimal riskScore(Decision decision) {
        return riskScore(decision.riskScore());
    }

    /** A risk score made elsewhere (the Flink job) as stored, rounded as {@link #riskScore(Decision)} rounds. */
    public static BigDecimal riskScore(double riskScore) {
        return BigDecimal.valueOf(riskScore).setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * A supervised model's fraud probability as stored: four decimals, rounded half even, as decisions files write
     * it ({@code DecisionFiles}), so the table and the file agree to the digit.
     */
    public static BigDecimal fraudProbability(double probability) {
        return BigDecimal.valueOf(probability).setScale(4, RoundingMode.HALF_EVEN);
    }

    /** The stored form of {@code decision} on the transaction numbered {@code sequenceNumber}. */
    public static StoredDecision stored(Decision decision, long sequenceNumber) {
        Optional<ModelOpinion> model = decision.model();
        Optional<SupervisedOpinion> supervised = decision.supervised();
        return new StoredDecision(
                decision.transactionId(),
                sequenceNumber,
                riskScore(decision),
                decision.riskLevel(),
                decision.recommendation(),
                decision.reasonCodes(),
                decision.ruleSetVersion(),
                model.map(ModelOpinion::modelVersion),
                model.map(ModelOpinion::anomalyScore),
                Optional.of(riskScore(decision.reviewThreshold())),
                supervised.map(SupervisedOpinion::modelVersion),
                supervised.map(s -> fraudProbability(s.probability())));
    }

    /** The values of {@link #INSERTED} for {@code decision}, decided at {@code decidedAt}. */
    public static Object[] row(StoredDecision decision, Instant decidedAt) {
        return new Object[] {
            decision.sequenceNumber(),
            decision.riskScore(),
            decision.riskLevel().name(),
            decision.recommendation().name(),
            ReasonCodes.encode(decision.reasonCodes()),
            decision.ruleSetVersion(),
            decision.modelVersion().orElse(null),
            decision.anomalyScore().orElse(null),
            decision.reviewThreshold().orElse(null),
            decision.supervisedModelVersion().orElse(null),
            decision.fraudProbability().orElse(null),
            decidedAt
        };
    }

    /** The decision whose {@link #SELECTED} columns start at column {@code first} of the current row. */
    public static StoredDecision read(ResultSet rs, int first) throws SQLException {
        double anomaly = rs.getDouble(first + 8);
        Optional<Double> anomalyScore = rs.wasNull() ? Optional.empty() : Optional.of(anomaly);
        return new StoredDecision(
                rs.getString(first),
                rs.getLong(first + 1),
                rs.getBigDecimal(first + 2),
                RiskLevel.valueOf(rs.getString(first + 3).strip()),
                Recommendation.valueOf(rs.getString(first + 4).strip()),
                ReasonCodes.decode(rs.getString(first + 5)),
                rs.getString(first + 6),
                Optional.ofNullable(rs.getString(first + 7)),
                anomalyScore,
                Optional.ofNullable(rs.getBigDecimal(first + 9)),
                Optional.ofNullable(rs.getString(first + 10)),
                Optional.ofNullable(rs.getBigDecimal(first + 11)));
    }
}
