package io.txmon.service;

import io.txmon.drift.PopulationStability;
import io.txmon.labels.LabelTimeline;
import io.txmon.storage.Database;
import io.txmon.training.ModelDrift;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;

/**
 * Everything {@code txmon serve} is configured with under {@code txmon.}, with every default in this one place. Each
 * setting can come from {@code application.yml}, a {@code --txmon.x=y} argument or the environment, as Spring Boot
 * spells it there ({@code TXMON_DB_URL}, {@code TXMON_API_KEYS}, {@code TXMON_INBOX_PATH}, ...); docs/service.md
 * has the table.
 *
 * @param baseCurrency {@code txmon.base-currency}: the currency of a transaction that names none, as the command
 *     line's {@code --base-currency}; default {@link TransactionParser#DEFAULT_BASE_CURRENCY} (USD)
 * @param rules {@code txmon.rules}: a rule file to start with and keep as the active version; default none (the
 *     database's active rule set, else the shipped defaults)
 * @param apiKeys {@code txmon.api-keys}: {@code key:ROLE,ROLE;key:ROLE}; default none (one admin key is made and
 *     printed at start)
 * @param db {@code txmon.db}: the database
 * @param detect {@code txmon.detect}: deciding on a transaction
 * @param inbox {@code txmon.inbox}: the scheduled inbox
 * @param request {@code txmon.request}: what a request may be
 * @param drift {@code txmon.drift}: the active model's drift gauges and alert
 * @param retraining {@code txmon.retraining}: the scheduled retraining of the supervised model
 */
@ConfigurationProperties("txmon")
public record TxmonProperties(
        Currency baseCurrency,
        String rules,
        String apiKeys,
        Db db,
        Detect detect,
        Inbox inbox,
        Request request,
        Drift drift,
        Retraining retraining) {

    public TxmonProperties {
        baseCurrency = baseCurrency == null ? TransactionParser.DEFAULT_BASE_CURRENCY : baseCurrency;
        apiKeys = apiKeys == null ? "" : apiKeys;
        db = db == null ? new Db(null, null) : db;
        detect = detect == null ? new Detect(null) : detect;
        inbox = inbox == null ? new Inbox(null, null) : inbox;
        request = request == null ? new Request(null) : request;
        drift = drift == null ? new Drift(null, null, null, null) : drift;
        retraining = retraining == null ? new Retraining(null, null) : retraining;
    }

    /** The rule file to start with, when one is configured. */
    public Optional<Path> startingRuleFile() {
        return rules == null || rules.isBlank() ? Optional.empty() : Optional.of(Path.of(rules));
    }

    /**
     * {@code txmon.db}.
     *
     * @param url {@code txmon.db.url} ({@code TXMON_DB_URL}, {@code --db}): a JDBC URL; default
     *     {@link Database#DEFAULT_URL}, the embedded H2 under {@code ./data} the batch commands use
     * @param poolSize {@code txmon.db.pool-size}: most connections held open; default {@link #DEFAULT_POOL_SIZE}
     */
    public record Db(String url, Integer poolSize) {
        public static final int DEFAULT_POOL_SIZE = 16;

        public Db {
            url = url == null || url.isBlank() ? Database.DEFAULT_URL : url;
            poolSize = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
            if (poolSize < 1) {
                throw new IllegalArgumentException("txmon.db.pool-size must be at least 1, was " + poolSize);
            }
        }
    }

    /**
     * {@code txmon.detect}.
     *
     * @param timeout {@code txmon.detect.timeout}: how long {@code POST /detect} and a payment's screening wait for
     *     the decision to be stored before answering 503; default {@link #DEFAULT_TIMEOUT}
     */
    public record Detect(Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

        public Detect {
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }
    }

    /**
     * {@code txmon.inbox}.
     *
     * @param path {@code txmon.inbox.path} ({@code TXMON_INBOX_PATH}): the folder read on the schedule; default
     *     none, and then nothing is read
     * @param cron {@code txmon.inbox.cron}: when, as Spring's six-field cron expression; default
     *     {@link #DEFAULT_CRON}, every day at 02:00
     */
    public record Inbox(String path, String cron) {
        public static final String DEFAULT_CRON = "0 0 2 * * *";

        public Inbox {
            cron = cron == null || cron.isBlank() ? DEFAULT_CRON : cron;
        }

        /** The folder to read, when one is configured. */
        public Optional<Path> folder() {
            return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
        }
    }

    /**
     * {@code txmon.request}.
     *
     * @param maxBytes {@code txmon.request.max-bytes}: the largest request body taken, larger ones are refused with
     *     413; default {@link #DEFAULT_MAX_BYTES} (1 MiB)
     */
    public record Request(Long maxBytes) {
        public static final long DEFAULT_MAX_BYTES = 1_048_576;

        public Request {
            maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
        }
    }

    /**
     * {@code txmon.drift}: how far recent traffic has moved from what the active model was trained on
     * (docs/service.md, "Model drift").
     *
     * @param enabled {@code txmon.drift.enabled}: whether the drift of the active model is measured on a schedule;
     *     default true
     * @param refreshEvery {@code txmon.drift.refresh-every}: how often; default {@link #DEFAULT_REFRESH_EVERY}
     * @param alertThreshold {@code txmon.drift.alert-threshold}: the PSI of an input or of the score from which an
     *     alert is raised; default {@link #DEFAULT_ALERT_THRESHOLD}, where a population reads as shifted
     * @param recent {@code txmon.drift.recent}: the recent window's length, up to the latest stored transaction, of
     *     the schedule and of {@code GET /models/{id}/drift} without {@code from}; default {@link #DEFAULT_RECENT}
     */
    public record Drift(Boolean enabled, Duration refreshEvery, Double alertThreshold, Duration recent) {
        public static final Duration DEFAULT_REFRESH_EVERY = Duration.ofHours(1);
        public static final double DEFAULT_ALERT_THRESHOLD = PopulationStability.SHIFTED;
        public static final Duration DEFAULT_RECENT = ModelDrift.DEFAULT_RECENT;

        public Drift {
            enabled = enabled == null ? Boolean.TRUE : enabled;
            refreshEvery = refreshEvery == null ? DEFAULT_REFRESH_EVERY : refreshEvery;
            alertThreshold = alertThreshold == null ? DEFAULT_ALERT_THRESHOLD : alertThreshold;
            recent = recent == null ? DEFAULT_RECENT : recent;
            if (refreshEvery.isNegative() || refreshEvery.isZero()) {
                throw new IllegalArgumentException("txmon.drift.refresh-every must be positive, was " + refreshEvery);
            }
            if (recent.isNegative() || recent.isZero()) {
                throw new IllegalArgumentException("txmon.drift.recent must be positive, was " + recent);
            }
            if (!(alertThreshold > 0)) {
                throw new IllegalArgumentException(
                        "txmon.drift.alert-threshold must be above 0, was " + alertThreshold);
            }
        }
    }

    /**
     * {@code txmon.retraining}: retraining the supervised model on a schedule, and {@code POST
     * /models/supervised/train} (docs/supervised-model.md, "Registry and retraining").
     *
     * @param cron {@code txmon.retraining.cron} ({@code TXMON_RETRAINING_CRON}): when, as Spring's six-field cron
     *     expression (e.g. {@code 0 30 3 * * *}, every night at 03:30); default {@link #OFF}, no scheduled
     *     retraining
     * @param labelDelay {@code txmon.retraining.label-delay}: when a label without {@code labelled_at} is known after
     *     its transaction (for retraining, and for the outcomes the entity states of {@code POST /detect} learn), and
     *     when a transaction no label names counts as ordinary; default {@link
     *     LabelTimeline#DEFAULT_DELAY} (7 days)
     */
    public record Retraining(String cron, Duration labelDelay) {
        /** Spring's cron expression for a task that never runs. */
        public static final String OFF = "-";

        public Retraining {
            cron = cron == null || cron.isBlank() ? OFF : cron.strip();
            labelDelay = labelDelay == null ? LabelTimeline.DEFAULT_DELAY : labelDelay;
            if (labelDelay.isNegative()) {
                throw new IllegalArgumentException(
                        "txmon.retraining.label-delay must not be negative, was " + labelDelay);
            }
            if (!cron.equals(OFF) && !CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("txmon.retraining.cron must be Spring's six-field cron expression"
                        + " (second minute hour day month weekday) or -, was '" + cron + "'");
            }
        }

        /** Whether retraining runs on a schedule. */
        public boolean scheduled() {
            return !cron.equals(OFF);
        }
    }
}
