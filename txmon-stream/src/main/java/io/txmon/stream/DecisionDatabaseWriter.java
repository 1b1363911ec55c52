package io.txmon.stream;

import io.txmon.decisions.ReasonCodes;
import io.txmon.ingest.ExternalDecision;
import io.txmon.ingest.ExternalDecisions;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * One task's writer of {@link DecisionDatabaseSink}: buffers decided transactions and stores them a batch at a time,
 * when the buffer is full and whenever Flink flushes (before each checkpoint, at the end of input).
 */
final class DecisionDatabaseWriter implements SinkWriter<DecidedTransaction> {
    private final ExternalDecisions store;
    private final int batchSize;
    private final List<ExternalDecision> buffer = new ArrayList<>();

    DecisionDatabaseWriter(ExternalDecisions store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    @Override
    public void write(DecidedTransaction decided, Context context) {
        buffer.add(external(decided));
        if (buffer.size() >= batchSize) {
            store();
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        store();
    }

    @Override
    public void close() {
        // What is buffered was decided after the last checkpoint: a restart sends it again.
        store.close();
    }

    private void store() {
        if (buffer.isEmpty()) {
            return;
        }
        store.append(buffer);
        buffer.clear();
    }

    /** The stream's decision in the fields the database keeps, none lost: the inverse of {@link StreamDecision#of}. */
    static ExternalDecision external(DecidedTransaction decided) {
        StreamDecision decision = decided.decision();
        String transactionId = decided.transaction().transaction().transactionId();
        if (!decision.transactionId().equals(transactionId)) {
            throw new IllegalArgumentException(
                    "decision on transaction " + decision.transactionId() + " came with transaction " + transactionId);
        }
        return new ExternalDecision(
                decided.transaction().transaction(),
                decision.riskScore(),
                RiskLevel.valueOf(decision.riskLevel()),
                Recommendation.valueOf(decision.recommendation()),
                ReasonCodes.decode(decision.reasonCodes()),
                decision.ruleSetVersion(),
                Optional.ofNullable(decision.modelVersion()),
                Optional.ofNullable(decision.anomalyScore()),
                decision.reviewThreshold(),
                Optional.ofNullable(decision.supervisedModelVersion()),
                Optional.ofNullable(decision.fraudProbability()));
    }
}
