package io.txmon.service.models;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.service.TxmonProperties;
import io.txmon.storage.ActiveModel;
import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.training.ModelDrift;
import io.txmon.training.ModelDrift.Drift;
import io.txmon.training.SupervisedDrift;
import io.txmon.transaction.InvalidFieldException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Measures the drift of the active anomaly model and of the supervised champion every {@code txmon.drift.refresh-every} (by default an hour; the first a minute
 * after start, or sooner when the period is shorter) unless {@code txmon.drift.enabled} is false, and shows it as
 * the gauges {@code txmon_model_input_drift_psi{model_version,feature}} and
 * {@code txmon_model_score_drift_psi{model_version}} (a supervised model's score is its fraud probability): only the
 * models in force, the rows of one no longer in force removed. When an input's PSI or the score's reaches {@code txmon.drift.alert-threshold} it raises an alert: a
 * {@code WARN} line on {@code txmon.audit} naming what moved, and {@code txmon_model_drift_alerts_total} counts it,
 * once per measurement for as long as the drift lasts.
 */
@Component
class DriftSchedule implements SchedulingConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(DriftSchedule.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");
    private static final Duration FIRST_AFTER = Duration.ofMinutes(1);

    private final TxmonProperties.Drift settings;
    private final Database database;
    private final OnlineIngestion ingestion;
    private final MeterRegistry registry;
    private final Duration labelDelay;
    private final Clock clock;
    private final MultiGauge inputs;
    private final MultiGauge score;
    private final Counter failures;

    DriftSchedule(
            TxmonProperties properties,
            Database database,
            OnlineIngestion ingestion,
            MeterRegistry registry,
            Clock clock) {
        this.settings = properties.drift();
        this.labelDelay = properties.retraining().labelDelay();
        this.clock = clock;
        this.database = database;
        this.ingestion = ingestion;
        this.registry = registry;
        this.inputs = MultiGauge.builder("txmon.model.input.drift.psi")
                .description("Population stability index of each input of the models in force, training window against"
                        + " recent traffic")
                .register(registry);
        this.score = MultiGauge.builder("txmon.model.score.drift.psi")
                .description("Population stability index of the score of the models in force (anomaly score, fraud"
                        + " probability), training window against recent traffic")
                .register(registry);
        this.failures = Counter.builder("txmon.model.drift.failures")
                .description("Drift measurements that failed")
                .register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (!settings.enabled()) {
            LOG.info("model drift is not measured: txmon.drift.enabled is false");
            return;
        }
        Duration every = settings.refreshEvery();
        Duration first = every.compareTo(FIRST_AFTER) < 0 ? every : FIRST_AFTER;
        tasks.addFixedDelayTask(new FixedDelayTask(this::refresh, every, first));
    }

    /**
     * Measures the drift of the active anomaly model and of the supervised champion, those there are, and updates the
     * gauges (a model whose measurement failed has no rows until the next one succeeds); raises the alerts when due.
     */
    void refresh() {
        List<Drift> drifts = new ArrayList<>(2);
        measured("anomaly model", () -> ActiveModel.resolve(database).map(active -> new ModelDrift(
                                database, ingestion.rules().features())
                        .measure(active, Optional.empty(), Optional.empty(), settings.recent())))
                .ifPresent(drifts::add);
        measured("supervised champion", () -> new StoredSupervisedModels(database)
                        .champion()
                        .map(champion -> new SupervisedDrift(database, labelDelay, clock)
                                .measure(champion.version(), Optional.empty(), Optional.empty(), settings.recent())))
                .ifPresent(drifts::add);
        inputs.register(
                drifts.stream()
                        .flatMap(drift -> drift.inputs().stream()
                                .map(input -> MultiGauge.Row.of(
                                        Tags.of("model_version", drift.modelVersion(), "feature", input.input()),
                                        input.psi())))
                        .toList(),
                true);
        score.register(
                drifts.stream()
                        .map(drift ->
                                MultiGauge.Row.of(Tags.of("model_version", drift.modelVersion()), drift.scorePsi()))
                        .toList(),
                true);
        drifts.forEach(this::alertWhenDue);
    }

    /** The drift {@code measurement} gives, empty when there is no such model or the measurement failed. */
    private Optional<Drift> measured(String what, Supplier<Optional<Drift>> measurement) {
        try {
            return measurement.get();
        } catch (StorageException | InvalidFieldException e) {
            failures.increment();
            LOG.error("drift of the {} not measured: {}", what, e.getMessage());
        } catch (RuntimeException e) {
            // The next measurement still comes: a scheduled task that throws is only logged by Spring, and counted
            // here.
            failures.increment();
            LOG.error("drift of the {} not measured", what, e);
        }
        return Optional.empty();
    }

    private void alertWhenDue(Drift drift) {
        String version = drift.modelVersion();
        List<String> over = drift.atOrOver(settings.alertThreshold());
        if (over.isEmpty()) {
            return;
        }
        Counter.builder("txmon.model.drift.alerts")
                .description("Drift measurements of the active model with an input or the score at or over"
                        + " txmon.drift.alert-threshold")
                .tag("model_version", version)
                .register(registry)
                .increment();
        AUDIT.warn(
                "model {} drifted: PSI at or over {} for {} (score PSI {}) between its training window [{}, {}]"
                        + " and recent traffic [{}, {}]",
                version,
                settings.alertThreshold(),
                String.join(", ", over),
                String.format(Locale.ROOT, "%.3f", drift.scorePsi()),
                drift.training().from(),
                drift.training().to(),
                drift.recent().from(),
                drift.recent().to());
    }
}
