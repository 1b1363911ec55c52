package io.txmon.service.models;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.txmon.learning.TooFewLabelsException;
import io.txmon.service.TxmonProperties;
import io.txmon.storage.StorageException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Retrains the supervised model on {@code txmon.retraining.cron} (off by default; docs/supervised-model.md, "Registry
 * and retraining"), as {@code bin/txmon train --schedule} does from system cron: the new model becomes champion only
 * when it beats the current one on the latest labelled window. Too few labels is logged, not a failure: the system
 * then decides as before. {@code txmon_retraining_runs_total{verdict}} counts the runs by what they decided, and
 * {@code txmon_retraining_failures_total} those that failed.
 */
@Component
class RetrainingSchedule implements SchedulingConfigurer {
    static final String BY = "scheduled retraining (txmon.retraining.cron)";

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingSchedule.class);

    private final TxmonProperties.Retraining settings;
    private final SupervisedRetraining retraining;
    private final MeterRegistry registry;
    private final Counter failures;

    RetrainingSchedule(TxmonProperties properties, SupervisedRetraining retraining, MeterRegistry registry) {
        this.settings = properties.retraining();
        this.retraining = retraining;
        this.registry = registry;
        this.failures = Counter.builder("txmon.retraining.failures")
                .description("Scheduled retrainings that failed")
                .register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (!settings.scheduled()) {
            LOG.info("the supervised model is not retrained on a schedule: txmon.retraining.cron is not set");
            return;
        }
        tasks.addCronTask(this::retrain, settings.cron());
    }

    void retrain() {
        try {
            String verdict = retraining.run(Optional.empty(), BY).verdict().name();
            count(verdict);
        } catch (TooFewLabelsException e) {
            count("NOT_TRAINED");
            LOG.info("scheduled retraining trained no model: {}", e.getMessage());
        } catch (StorageException e) {
            failures.increment();
            LOG.error("scheduled retraining failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            // The next run still comes: a scheduled task that throws is only logged by Spring, and counted here.
            failures.increment();
            LOG.error("scheduled retraining failed", e);
        }
    }

    private void count(String verdict) {
        Counter.builder("txmon.retraining.runs")
                .description("Scheduled retrainings, by what each decided")
                .tag("verdict", verdict)
                .register(registry)
                .increment();
    }
}
